""""Lyssna" (issue 14) in real Chromium with a stubbed speechSynthesis that
records each utterance: the text in order, in Swedish, abbreviations read as
their expansion, the paragraph being read highlighted, pause, stop, speed, one
section, and no control where there is nothing (or nothing local) to speak with."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT

# A speech synthesis that speaks nothing: it records what it is given, and the
# test ends an utterance with window.__finish(). Voices: a network voice first,
# so choosing it would show; then the local Swedish one.
STUB = """
window.__spoken = []; window.__events = [];
class RecordedUtterance { constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.rate = 1; this.onend = null; } }
const VOICES = %s;
const synth = {
  current: null,
  getVoices() { return VOICES; },
  speak(u) { window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name, rate: u.rate}); this.current = u; },
  pause() { window.__events.push('pause'); },
  resume() { window.__events.push('resume'); },
  cancel() { window.__events.push('cancel'); this.current = null; },
  addEventListener() {},
};
Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
window.SpeechSynthesisUtterance = RecordedUtterance;
window.__finish = () => { const u = synth.current; synth.current = null; if (u && u.onend) u.onend(); };
"""
NETWORK_SV = "{name: 'Moln', lang: 'sv-SE', localService: false}"
LOCAL_SV = "{name: 'Alva', lang: 'sv-SE', localService: true}"
LOCAL_EN = "{name: 'Daniel', lang: 'en-GB', localService: true}"
NO_SPEECH = "Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});"

SPOKEN = "() => window.__spoken"
CURRENT = "() => [...document.querySelectorAll('.listen-current')].map(e => e.id)"


def opening_paragraphs(revision_id: str, count: int) -> list[str]:
    """The first paragraphs of a revision's source, each abbreviation with an
    expansion in data/abbreviations.yml read as that expansion."""
    body = (ROOT / "docs" / "revisioner" / revision_id / "index.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    table = yaml.safe_load((ROOT / "data" / "abbreviations.yml").read_text(encoding="utf-8"))
    paragraphs = [p.strip() for p in body.strip().split("\n\n")[:count]]
    for abbreviation, entry in table.items():
        if entry.get("expansion"):
            pattern = re.compile(rf"\b{re.escape(abbreviation)}\b")
            paragraphs = [pattern.sub(entry["expansion"], p) for p in paragraphs]
    return paragraphs


def press(page, name: str) -> None:
    """Operate a button by keyboard (focus, Enter), as a keyboard user does."""
    page.get_by_role("button", name=name, exact=True).focus()
    page.keyboard.press("Enter")


@pytest.fixture
def listening(browser, server):
    def open_with(voices: str = f"[{NETWORK_SV}, {LOCAL_EN}, {LOCAL_SV}]", script: str | None = None,
                  path: str = "revisioner/4.0/"):
        context = browser.new_context(viewport={"width": 375, "height": 812})
        context.add_init_script(script if script is not None else STUB % voices)
        page = context.new_page()
        page.goto(server + path)
        contexts.append(context)
        return page
    contexts = []
    yield open_with
    for context in contexts:
        context.close()


def test_reads_the_text_in_order_in_swedish_with_a_local_voice(listening):
    page = listening()
    page.get_by_role("button", name="Lyssna", exact=True).click()
    for _ in range(3):
        page.evaluate("() => window.__finish()")
    spoken = page.evaluate(SPOKEN)
    assert [u["text"] for u in spoken] == opening_paragraphs("4.0", 3) + ["Inledning"]
    assert {u["lang"] for u in spoken} == {"sv-SE"}
    assert {u["voice"] for u in spoken} == {"Alva"}, "only the voice on the device"


def test_abbreviations_are_read_as_their_expansion(listening):
    page = listening()
    press(page, "Lyssna på avsnittet Inledning")
    page.evaluate("() => window.__finish()")
    paragraph = page.evaluate(SPOKEN)[1]["text"]
    assert "5 kap. 8 a § socialtjänstlagen, socialtjänstlagen, (2001:453)" in paragraph
    assert "hälso- och sjukvårdslagen, hälso- och sjukvårdslagen, (2017:30)" in paragraph
    assert "SoL" not in paragraph and "HSL" not in paragraph


def test_the_paragraph_read_is_highlighted_and_in_view(listening):
    page = listening()
    press(page, "Lyssna på avsnittet Syfte")
    assert page.evaluate(CURRENT) == ["syfte"]
    page.evaluate("() => window.__finish()")
    assert page.evaluate(CURRENT) == ["syfte-1"]
    page.evaluate("() => window.__finish()")
    assert page.evaluate(CURRENT) == ["syfte-2"]
    page.wait_for_function("() => { const r = document.getElementById('syfte-2').getBoundingClientRect();"
                           " return r.bottom > 0 && r.top < innerHeight; }")


def test_one_section_stops_at_its_end(listening):
    page = listening()
    press(page, "Lyssna på avsnittet Syfte")
    for _ in range(40):
        page.evaluate("() => window.__finish()")
    texts = [u["text"] for u in page.evaluate(SPOKEN)]
    assert texts[0] == "Syfte" and 1 < len(texts) < 40
    assert "Målgrupper" not in texts, "the next section (same level) is not read"
    assert page.evaluate(CURRENT) == [], "the highlight goes when the section ends"
    assert page.get_by_role("button", name="Lyssna", exact=True).is_visible()


def test_pause_continue_and_stop(listening):
    page = listening()
    page.get_by_role("button", name="Lyssna", exact=True).click()
    page.get_by_role("button", name="Pausa").click()
    assert page.evaluate("() => window.__events").count("pause") == 1
    toggle = page.locator("button.listen__pause")
    assert toggle.text_content() == "Fortsätt" and toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate(CURRENT) == ["inledning-text-1"], "the position is kept while paused"
    toggle.click()
    assert page.evaluate("() => window.__events").count("resume") == 1
    page.get_by_role("button", name="Stoppa").click()
    assert page.evaluate(CURRENT) == []
    spoken = len(page.evaluate(SPOKEN))
    page.evaluate("() => window.__finish()")
    assert len(page.evaluate(SPOKEN)) == spoken, "nothing is read after stop"


def test_speed_applies(listening):
    page = listening()
    page.get_by_label("Hastighet").select_option("1.5")
    page.get_by_role("button", name="Lyssna", exact=True).click()
    assert page.evaluate(SPOKEN)[-1]["rate"] == 1.5


def test_targets_are_at_least_24_px(listening):
    page = listening()
    sizes = page.evaluate("() => [...document.querySelectorAll('.listen button:not([hidden]), .listen select,"
                          " button.listen-section')].map(b => [b.offsetWidth, b.offsetHeight])")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes


@pytest.mark.parametrize("case", ["no speech synthesis", "no local Swedish voice"])
def test_absent_without_speech_or_a_local_swedish_voice(listening, case):
    if case == "no speech synthesis":
        page = listening(script=NO_SPEECH)
    else:
        page = listening(voices=f"[{NETWORK_SV}, {LOCAL_EN}]")
    page.wait_for_load_state("load")
    assert page.locator(".listen, .listen-section").count() == 0


def test_absent_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "revisioner/4.0/")
    assert page.locator(".listen, .listen-section").count() == 0
    assert "Lyssna" not in page.content()
    context.close()
