"""Property: whatever generated hostile Markdown and front matter the build's
HTML check lets through renders to nothing executable or external. The oracle
here is a plain deny-check written for the test, independent of the allowlist,
over both the browser's parse (tinyhtml5) and lxml's."""
from pathlib import Path

import lxml.html
from hypothesis import HealthCheck, given, settings, strategies as st
from tinyhtml5.parser import HTMLParser

from agreement.sources.revisions import read_revision
from agreement.text.render import make_renderer

RENDER = make_renderer(["toc", "attr_list", "abbr", "admonition", "tables", "md_in_html"],
                       {"toc": {"permalink": True, "permalink_title": "Länk till avsnittet"}})
DANGEROUS_TAGS = {"script", "style", "iframe", "object", "embed", "base", "meta", "link", "form",
                  "frame", "frameset", "svg", "math", "template", "noscript", "textarea", "input",
                  "button", "video", "audio", "source", "track", "picture", "applet", "param"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "data", "poster", "background",
                  "xlink:href", "cite", "longdesc", "srcdoc", "ping"}

PIECES = [
    "<", ">", "/", "\"", "'", "=", "&", "#", ";", " ", "\n", "\n\n", "    ", "\t", "`", "```", "\\",
    "{:", "}", "{: ", ".visually-hidden", "#id", "[", "]", "(", ")", "[r]: ", "!", "- ", "> ", "## ",
    "===", "---", "!!! note", "|", "*", "_", "<!--", "-->", "<!-->", "--!>",
    "<img", "<a", "<div", "<p", "<span", "<script", "</script>", "<style", "<iframe", "<svg",
    "<math", "<base", "<meta", "<object", "<h2", "<noscript", "<textarea", "markdown=\"1\"",
    " src=", " href=", " onerror=", " onclick=", " style=", " srcdoc=", " id=", " class=",
    "javascript:", "JaVaScRiPt:", "java\tscript:", "&#106;avascript:", "&#x6A;avascript:",
    "data:text/html,", "vbscript:", "file:///etc/passwd", "//evil.example/", "/\\evil.example/",
    "https://evil.example/x.png", "http://ok.example/", "mailto:a@b", "x.png", "../", "alert(1)",
    # whole constructs, so that generated texts often hold a complete one
    "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>", "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)", "[r]: javascript:alert(1)\n", "![i](https://evil.example/i.png)",
    "![i](bild.png)", "[ok](https://example.org/)", "<p style=\"display:none\">x</p>", "{: onclick=\"alert(1)\" }",
    "<script>alert(1)</script>", "<iframe srcdoc=\"x\"></iframe>", "<div markdown=\"1\">\n", "</div>\n",
    "<base href=\"//evil.example/\">", "<abbr title=\"x\">X</abbr>", "*[X]: förklaring\n", "<!-- x -->",
]


def hostile_text(max_size: int = 40):
    return st.lists(st.sampled_from(PIECES), max_size=max_size).map("".join)


def _scheme(url: str) -> str | None:
    """Written for the oracle: what a browser takes as the scheme."""
    url = "".join(c for c in url if c not in "\t\n\r").strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e"
                                                           "\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
                                                           "\x1b\x1c\x1d\x1e\x1f ").replace("\\", "/")
    if url.startswith("//"):
        return "//"
    before_path = url.split("/")[0].split("?")[0].split("#")[0]
    return before_path.split(":")[0].lower() if ":" in before_path else None


def elements(html: str):
    """(tag, attributes) of every element, as a browser and as lxml parse it."""
    fragment = HTMLParser(namespace_html_elements=False).parse_fragment(html)
    out = [(el.tag, dict(el.attrib)) for el in fragment.iter() if isinstance(el.tag, str) and el is not fragment]
    if html.strip():
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        out += [(el.tag, dict(el.attrib)) for el in root.iterdescendants() if isinstance(el.tag, str)]
    return out


def assert_harmless(html: str) -> None:
    for tag, attributes in elements(html):
        name = tag.rsplit("}", 1)[-1]
        assert tag == name, f"foreign namespace element {tag} in {html!r}"
        assert name not in DANGEROUS_TAGS, f"<{name}> in {html!r}"
        for attr, value in attributes.items():
            attr = str(attr).lower()
            assert not attr.startswith("on"), f"{attr}= in {html!r}"
            assert attr != "style" or value.strip().startswith("text-align:"), f"style in {html!r}"
            if attr in URL_ATTRIBUTES:
                scheme = _scheme(value)
                allowed = {None, "http", "https", "mailto"} if (name, attr) == ("a", "href") else {None}
                assert scheme in allowed, f"{name}[{attr}]={value!r} in {html!r}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text())
def test_markdown_that_passes_the_check_is_harmless(text):
    from agreement.sources.html_allowlist import html_findings
    html = RENDER(text)
    if not html_findings(html):
        assert_harmless(html)


FRONT_MATTER = """---
revision: "x"
title: {title}
label: {label}
status: draft
text: full
previous: null
source: {source}
---

## Rubrik {{#rubrik}}

{body}
"""


def yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(hostile_text(12), hostile_text(12), hostile_text(12), hostile_text())
def test_revisions_that_load_are_harmless(tmp_path, title, label, source, body):
    """A whole revision through the loader: if it loads, its body is harmless,
    and its front matter is text (the templates escape it; test_trust_escaping)."""
    folder = tmp_path / "docs" / "revisioner" / "x"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "index.md"
    path.write_text(FRONT_MATTER.format(title=yaml_quoted(title or "t"), label=yaml_quoted(label or "l"),
                                        source=yaml_quoted(source or "s"), body=body), encoding="utf-8")
    revision, errors = read_revision(path, "docs/revisioner/x/index.md", RENDER)
    if revision is not None and not errors:
        assert_harmless(RENDER(revision.body))
        assert all(isinstance(v, str) for v in (revision.title, revision.label, revision.source))
