"""Nothing in a source can run in a reader's browser or hijack a page: every
input that would is an error `path:line: ...` at the line it stands on, exit 1,
and the previous site/ untouched. Each case is a real build of a copy of the
project (issue 13: "Scripts in the page", "The page hijacked without a
script", and the revision heading rule)."""
import pytest

from test_bad_input import assert_error, edit, failing_build, line_of

REV40 = "docs/revisioner/4.0/index.md"
SIP = "docs/relaterade/sip.md"
ANCHOR = "Syftet med överenskommelsen"  # the start of a paragraph of 4.0
AFTER_SYFTE = "## Syfte {#syfte}\n"


def insert_before_paragraph(project, markdown: str) -> None:
    """Put `markdown` as blocks of its own before a paragraph of the 4.0 body."""
    edit(project, REV40, ANCHOR, markdown + "\n\n" + ANCHOR)


# name: (Markdown put before a paragraph of 4.0, the text of the line the error
# must name, the message expected)
BODY_CASES = {
    # Scripts in the page
    "handler_on_the_line_after_its_tag": ("<img\nsrc=x\nonerror=alert(1)>", "onerror=alert(1)>", "inline event handler onerror="),
    "handler_before_the_source_line": ("<img\nonerror=alert(1)\nsrc=x>", "onerror=alert(1)", "inline event handler onerror="),
    "raw_html_in_a_list_continuation": ("- punkt\n\n    <img src=x onerror=alert(2)>", "onerror=alert(2)", "inline event handler onerror="),
    "script_after_three_backticks": ("```\n\nText <script>alert(3)</script>", "alert(3)", r"raw <script>"),
    "script_after_an_escaped_backtick": ("Ett \\` tecken <script>alert(4)</script> och \\`", "alert(4)", r"raw <script>"),
    "reference_link_to_javascript": ("Se [här][r].\n\n[r]: javascript:alert(5)", "[r]: javascript", r"link 'javascript:alert\(5\)' is not allowed"),
    "angle_bracket_link_to_javascript": ("[x](<javascript:alert(6)>)", "alert(6)", r"link 'javascript:alert\(6\)' is not allowed"),
    "entity_encoded_javascript": ('<a href="&#106;avascript:alert(7)">x</a>', "alert(7)", r"link 'javascript:alert\(7\)' is not allowed"),
    "javascript_with_a_tab": ("[x](java\tscript:alert(8))", "alert(8)", "is not allowed: only http:, https:, mailto:"),
    "iframe_srcdoc": ('<iframe srcdoc="&lt;script&gt;alert(9)&lt;/script&gt;"></iframe>', "<iframe", r"raw <iframe>"),
    "attr_list_handler_on_a_paragraph": ("Ett stycke.\n{: onclick=\"alert(10)\" }", "onclick", "inline event handler onclick="),
    "svg_with_a_script_link": ("<svg><a href=\"javascript:alert(11)\">x</a></svg>", "<svg>", r"raw <svg"),
    "comment_closed_early": ("<!--> <img src=x onerror=alert(12)> -->", "onerror", "inline event handler onerror="),
    "local_file_link": ('<a rel="attachment" href="file:///etc/passwd">x</a>', "file:///etc/passwd", r"link 'file:///etc/passwd' is not allowed"),
    # The page hijacked without a script
    "base_href": ('<base href="https://evil.example/">', "<base", r"raw <base>"),
    "meta_refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta", r"raw <meta>"),
    "style_element": ("<style>.revision-text { display: none }</style>", "<style>", r"raw <style>"),
    "style_attribute": ("Dolt stycke.\n{: style=\"display:none\" }", "style=", "style= on <p> is not allowed"),
    "hiding_class": ("Dolt stycke.\n{: .visually-hidden }", "visually-hidden", "class 'visually-hidden' on <p> is not allowed"),
    "iframe": ('<iframe src="https://evil.example/"></iframe>', "<iframe", r"raw <iframe>"),
    "object": ('<object data="https://evil.example/x"></object>', "<object", r"raw <object>"),
    "embed": ('<embed src="https://evil.example/x">', "<embed", r"raw <embed>"),
    "external_image": ("![bild](https://evil.example/x.png)", "evil.example", "not from the site itself"),
    "protocol_relative_image": ("![bild](//evil.example/x.png)", "evil.example", "not from the site itself"),
    "link_element": ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link", r"raw <link>"),
    "form": ('<form action="https://evil.example/"><button>OK</button></form>', "<form", r"raw <form>"),
    "theme_id_clobbered": ('Stycke.\n{: #__config }', "__config", "id '__config' is not allowed"),
    # Headings only through '#' lines with an id
    "setext_heading": ("Rubrik utan id\n==============", "Rubrik utan id", "is not a '##' line with an id"),
    "setext_heading_level_2": ("Rubrik utan id\n--------------", "Rubrik utan id", "is not a '##' line with an id"),
    "heading_in_a_blockquote": ("> ## Citerad rubrik {#citerad}", "Citerad rubrik", "in a blockquote"),
    "heading_in_a_list": ("- ## Listrubrik {#listrubrik}", "Listrubrik", "in a list"),
    "raw_html_heading": ('<h2 id="rarubrik">Rå rubrik</h2>', "Rå rubrik", "is not a '##' line with an id"),
    "second_h1": ("<h1>En andra titel</h1>", "En andra titel", "is not a '##' line with an id"),
}


@pytest.mark.parametrize("name", sorted(BODY_CASES))
def test_bad_revision_body(project_copy, name):
    markdown, needle, pattern = BODY_CASES[name]
    insert_before_paragraph(project_copy, markdown)
    stderr = failing_build(project_copy)
    assert_error(stderr, REV40, line_of(project_copy, REV40, needle), pattern)


def test_related_page_body(project_copy):
    (project_copy / SIP).write_text((project_copy / SIP).read_text(encoding="utf-8")
                                    + "\nText.\n\n<script>alert(1)</script>\n", encoding="utf-8")
    stderr = failing_build(project_copy)
    assert_error(stderr, SIP, line_of(project_copy, SIP, "<script>"), r"raw <script>")


def test_extra_markdown_beside_a_revision(project_copy):
    rel = "docs/revisioner/4.0/bilaga.md"
    (project_copy / rel).write_text("# Bilaga\n\nText.\n\n[x](javascript:alert(1))\n", encoding="utf-8")
    stderr = failing_build(project_copy)
    assert_error(stderr, rel, 5, r"link 'javascript:alert\(1\)' is not allowed")


def test_start_page(project_copy):
    rel = "docs/index.md"
    edit(project_copy, rel, "\n# ", '\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n\n# ')
    stderr = failing_build(project_copy)
    assert_error(stderr, rel, line_of(project_copy, rel, "<meta"), r"raw <meta>")


def test_abbreviation_expansion_with_markup(project_copy):
    rel = "data/abbreviations.yml"
    edit(project_copy, rel, "expansion: samordnad individuell plan", 'expansion: "<img src=x onerror=alert(1)>"')
    stderr = failing_build(project_copy)
    assert_error(stderr, rel, line_of(project_copy, rel, "onerror"), "'SIP': expansion must be plain text, not HTML")


@pytest.mark.parametrize("old, new, needle", [
    ("url_template: \"{repo_url}/issues", "url_template: \"javascript:alert(1)//{revision}{anchor}{repo_url}/issues", "url_template: \"javascript"),
    ("      url: https://regionjh.se/samverkan", "      url: \"javascript:alert(1)\"", "url: \"javascript"),
    ("cooperation_page: https://regionjh.se/samverkan", "cooperation_page: \" JaVaScRiPt:alert(1)\"", "cooperation_page:"),
], ids=["comments_url_template", "contact_url", "cooperation_page"])
def test_javascript_url_in_mkdocs_yml(project_copy, old, new, needle):
    edit(project_copy, "mkdocs.yml", old, new)
    stderr = failing_build(project_copy)
    assert_error(stderr, "mkdocs.yml", line_of(project_copy, "mkdocs.yml", needle), "is not allowed: only http:, https:, mailto:")


def test_check_script_reports_the_same(project_copy):
    """scripts/check.py and the build give the same lines."""
    import subprocess
    import sys
    from conftest import ROOT
    insert_before_paragraph(project_copy, "<img\nsrc=x\nonerror=alert(1)>")
    build_lines = [l for l in failing_build(project_copy).splitlines() if l.startswith("docs/")]
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "-f", str(project_copy / "mkdocs.yml")],
                           cwd=project_copy, capture_output=True, text=True)
    assert check.returncode == 1
    check_lines = [l for l in (check.stdout + check.stderr).splitlines() if l.startswith("docs/")]
    assert check_lines == build_lines != []
