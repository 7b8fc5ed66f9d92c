"""Reading on a phone (issue 14): at 375 × 812 and 320 × 640 px the text of
every revision page starts within the first screen, no heading word is split
without a hyphen, no page scrolls sideways, and the facts ("Om versionen")
are one keypress away. The real site, and a copy with an open draft."""
from __future__ import annotations

import pytest

from conftest import build_project, copy_project, read_html, serve_dir
from editors_support import DRAFT_ID, scaffold_draft
from test_a11y import built_pages
from test_reader_listen import LOCAL_SV, STUB

from agreement.sources.revisions import load_revisions

PHONES = {"375x812": (375, 812), "320x640": (320, 640)}

# The top of the first paragraph or list item of the agreement's text.
FIRST_BLOCK_TOP = """() => {
  const block = document.querySelector('.revision-text p, .revision-text li');
  return block.getBoundingClientRect().top + window.scrollY;
}"""

# Every place where a word of a heading goes on to the next line: the letters
# on each side of the break. A break is right only after a soft hyphen (shown
# as a hyphen) or a hyphen in the text.
HEADING_WORD_BREAKS = """() => {
  const breaks = [];
  for (const heading of document.querySelectorAll('article :is(h1, h2, h3, h4, h5, h6)')) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.visually-hidden, [data-generated], .headerlink')) continue;
      const text = node.data;
      for (const word of text.matchAll(/\\S+/g)) {
        let previousTop = null;
        for (let i = word.index; i < word.index + word[0].length; i++) {
          if (text[i] === '\\u00ad') continue;  // drawn only where the line breaks
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          // A letter just after a break can also give an empty box at the end of
          // the line before: its own box is the last one with a width.
          const boxes = [...range.getClientRects()].filter(box => box.width > 0);
          const rect = boxes[boxes.length - 1];
          if (!rect) continue;
          if (previousTop !== null && rect.top > previousTop + 2) {
            breaks.push({word: word[0].replaceAll('\\u00ad', ''), before: text[i - 1]});
          }
          previousTop = rect.top;
        }
      }
    }
  }
  return breaks;
}"""

SCROLL_WIDTH = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"


@pytest.fixture(scope="module")
def draft_server(tmp_path_factory):
    """A copy of the project with an open draft (comment links, comment period)."""
    project = copy_project(tmp_path_factory.mktemp("phone") / "project")
    scaffold_draft(project)
    result = build_project(project)
    assert result.returncode == 0, result.stdout + result.stderr
    srv, url = serve_dir(project / "site")
    yield url
    srv.shutdown()


@pytest.fixture(params=sorted(PHONES))
def phone(request, browser):
    width, height = PHONES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page(), height
    context.close()


def revision_paths_with_text():
    return [f"revisioner/{r.id}/" for r in load_revisions(__import__("conftest").ROOT / "docs") if r.has_text]


def test_the_text_starts_within_the_first_screen(server, draft_server, phone):
    page, height = phone
    # With a local Swedish voice, so that "Lyssna" stands above the text too.
    page.context.add_init_script(STUB % f"[{LOCAL_SV}]")
    paths = [server + p for p in revision_paths_with_text()] + [f"{draft_server}revisioner/{DRAFT_ID}/"]
    assert len(paths) >= 3
    for url in paths:
        page.goto(url)
        assert page.locator(".listen").count() == 1
        top = page.evaluate(FIRST_BLOCK_TOP)
        assert top < height, f"{url}: the first paragraph starts at {top:.0f} px"


def test_no_heading_word_is_split_without_a_hyphen(server, draft_server, phone):
    page, _ = phone
    for url in [server + p for p in revision_paths_with_text()] + [f"{draft_server}revisioner/{DRAFT_ID}/"]:
        page.goto(url)
        breaks = page.evaluate(HEADING_WORD_BREAKS)
        wrong = [b["word"] for b in breaks if b["before"] not in ("\u00ad", "-")]
        assert wrong == [], f"{url}: heading words split without a hyphen: {wrong}"
    # The title's longest word does break at this width, at a soft hyphen.
    page.goto(server + "revisioner/4.0/")
    title_breaks = [b for b in page.evaluate(HEADING_WORD_BREAKS) if b["before"] == "\u00ad"]
    assert title_breaks, "some long word of a heading breaks at a soft hyphen"


def test_no_page_scrolls_sideways(site, server, draft_server, phone):
    page, _ = phone
    # gallande/ only leads on to the revision in force, which is checked itself.
    pages = [p for p in built_pages(site) if not read_html(site, p).xpath("//meta[@http-equiv='refresh']")]
    urls = [server + p for p in pages] + [server + "sok/?q=m%C3%A5lgrupper"]
    urls += [f"{draft_server}revisioner/{DRAFT_ID}/", f"{draft_server}revisioner/{DRAFT_ID}/synpunkter/"]
    for url in urls:
        page.goto(url)
        scroll_width, width = page.evaluate(SCROLL_WIDTH)
        assert scroll_width <= width, f"{url}: {scroll_width} px wide on a {width} px screen"


def test_the_section_notes_stay_inside_the_text(server, draft_server, phone):
    page, _ = phone
    for url in (f"{draft_server}revisioner/{DRAFT_ID}/", server + "revisioner/4.0/"):
        page.goto(url)
        text_left = page.evaluate("() => document.querySelector('.revision-text').getBoundingClientRect().left")
        lefts = page.evaluate("() => [...document.querySelectorAll('.revision-text details.section-versions > summary')]"
                              ".map(s => s.getBoundingClientRect().left)")
        assert lefts and min(lefts) >= text_left - 0.5, url


def test_the_facts_are_folded_on_a_phone_and_reached_by_keyboard(server, phone):
    page, _ = phone
    page.goto(server + "revisioner/4.0/")
    facts = page.locator("details#om-versionen")
    assert facts.evaluate("d => d.open") is False
    assert not page.locator("#om-versionen dl").is_visible()
    page.keyboard.press("Tab")  # the skip link, then past the header and the menu
    assert page.evaluate("() => document.activeElement.classList.contains('site-skip')")
    page.keyboard.press("Enter")
    for _ in range(6):  # the status line's links, then the facts
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('#om-versionen > summary')"):
            break
    else:
        pytest.fail("Tab never reached 'Om versionen'")
    page.keyboard.press("Enter")
    assert page.locator("#om-versionen dl").is_visible()
    assert page.locator("#om-versionen a.pdf-download").is_visible()


def test_the_facts_are_open_on_a_wide_screen_and_in_print(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "revisioner/4.0/")
    assert page.locator("#om-versionen dl").is_visible()
    assert page.locator("details#om-versionen").evaluate("d => d.open") is True
    context.close()
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(server + "revisioner/4.0/")
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("#om-versionen dl").is_visible()
    context.close()


def test_the_facts_open_without_javascript(server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "revisioner/4.0/")
    page.locator("#om-versionen > summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("#om-versionen dl").is_visible()
    context.close()
