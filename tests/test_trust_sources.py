"""Broken and hostile sources, each refused with one `path:line: message`: never
a traceback, a hang or megabytes of output, and the earlier site/ untouched.
The semantic checks (comment periods, aliases, abbreviation keys, links out of
the repository) are refused the same way. Each case builds a copy of the
project, as an editor's pull request would."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import lxml.html

from agreement.links.glossary import load_glossary
from agreement.sources.related import check_alias_words, load_related
from conftest import BUILD_DATE, ROOT, build_project
from editors_support import replace_in
from trust_support import line_number, refused_build

REV25 = "docs/revisioner/2025/index.md"
REV40 = "docs/revisioner/4.0/index.md"
JAMTBUS = "docs/relaterade/jamtbus.md"
ABBREVIATIONS = "data/abbreviations.yml"
LAWS = "data/laws.yml"


def test_front_matter_that_never_closes(project_copy):
    file = project_copy / REV25
    lines = file.read_text(encoding="utf-8").split("\n")
    closing = lines.index("---", 1)
    file.write_text("\n".join(lines[:closing] + lines[closing + 1:]), encoding="utf-8")
    errors, _ = refused_build(project_copy)
    assert errors == [f"{REV25}:1: the front matter that starts here never closes: "
                      "end it with a '---' line after the last key"]


def test_nul_byte_in_yaml(project_copy):
    replace_in(project_copy / REV25, "label: Reviderad upplaga", "label: Reviderad\x00 upplaga")
    errors, _ = refused_build(project_copy)
    line = line_number(project_copy / REV25, "label:")
    assert errors == [f"{REV25}:{line}: malformed YAML in front matter: character U+0000 is not allowed in YAML"]


def test_nul_byte_in_a_data_file(project_copy):
    replace_in(project_copy / ABBREVIATIONS, "SVOM:", "SV\x00OM:")
    errors, _ = refused_build(project_copy)
    line = line_number(project_copy / ABBREVIATIONS, "SV\x00OM:")
    assert errors == [f"{ABBREVIATIONS}:{line}: malformed YAML in the file: character U+0000 is not allowed in YAML"]


def test_list_as_a_mapping_key(project_copy):
    replace_in(project_copy / JAMTBUS, "aliases:\n", "[a, b]: x\naliases:\n")
    errors, _ = refused_build(project_copy)
    line = line_number(project_copy / JAMTBUS, "[a, b]: x")
    assert errors == [f"{JAMTBUS}:{line}: a key must be a plain word, e.g. title:"]


def test_list_as_a_mapping_key_in_a_data_file(project_copy):
    replace_in(project_copy / ABBREVIATIONS, "SVOM:", "? [SV, OM]\n:")
    errors, _ = refused_build(project_copy)
    line = line_number(project_copy / ABBREVIATIONS, "? [SV, OM]")
    assert errors == [f"{ABBREVIATIONS}:{line}: malformed YAML in the file: found unhashable key"]


def test_deeply_nested_brackets(project_copy):
    replace_in(project_copy / REV25, "label: Reviderad upplaga 2025 (förslag)", "label: " + "[" * 3000 + "]" * 3000)
    errors, _ = refused_build(project_copy)
    line = line_number(project_copy / REV25, "label:")
    assert errors == [f"{REV25}:{line}: malformed YAML in front matter: values nested more than 50 deep"]


def test_deeply_nested_brackets_in_a_data_file(project_copy):
    with (project_copy / LAWS).open("a", encoding="utf-8") as file:
        file.write("\nextra: " + "[" * 3000 + "]" * 3000 + "\n")
    errors, _ = refused_build(project_copy)
    line = line_number(project_copy / LAWS, "extra:")
    assert errors == [f"{LAWS}:{line}: malformed YAML in the file: values nested more than 50 deep"]


def test_alias_bomb_is_refused_in_a_few_lines(project_copy):
    # "Billion laughs": nine levels of nine aliases each, a billion values expanded.
    bomb = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]" for i in range(1, 10)]
    replace_in(project_copy / JAMTBUS, "aliases:\n", "\n".join(bomb) + "\naliases:\n")
    errors, stderr = refused_build(project_copy)
    # lol5 is the first level beyond 100,000 values (9**5 + ... = 66,430 at lol4).
    line = line_number(project_copy / JAMTBUS, "lol5:")
    assert errors == [f"{JAMTBUS}:{line}: malformed YAML in front matter: more than 100,000 values once its "
                      "aliases (*name) are expanded: write the values out, without aliases"]
    assert len(stderr) < 5000


def test_five_megabyte_paragraph_is_refused_by_size(project_copy):
    replace_in(project_copy / REV25, "## Inledning {#inledning}\n",
               "## Inledning {#inledning}\n\n" + "ord och mening " * 350_000 + "\n")
    errors, _ = refused_build(project_copy)
    size = (project_copy / REV25).stat().st_size
    assert errors == [f"{REV25}:1: file is {size:,} bytes; a source may have at most 1,000,000 "
                      "(split it, or remove what is not text)"]


def test_long_paragraph_is_refused(project_copy):
    replace_in(project_copy / REV25, "## Inledning {#inledning}\n",
               "## Inledning {#inledning}\n\n" + "ord och mening " * 2000 + "\n")
    errors, _ = refused_build(project_copy)
    line = line_number(project_copy / REV25, "ord och mening")
    assert errors == [f"{REV25}:{line}: paragraph of 30,001 characters; at most 20,000: split it with blank lines"]


def test_latin1_byte_is_reported_on_its_line(project_copy):
    file = project_copy / REV40
    lines = file.read_bytes().split(b"\n")
    lines[33] = "Här".encode("latin-1")  # line 34
    file.write_bytes(b"\n".join(lines))
    errors, _ = refused_build(project_copy)
    assert errors == [f"{REV40}:34: not UTF-8 text: byte 0xe4 cannot be read (save the file as UTF-8)"]


def test_byte_order_mark_is_accepted(project_copy):
    file = project_copy / REV25
    file.write_bytes("\ufeff".encode("utf-8") + file.read_bytes())
    result = build_project(project_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    page = lxml.html.fromstring((project_copy / "site/revisioner/2025/index.html").read_text(encoding="utf-8"))
    assert page.xpath("string(//h1)").replace("\u00ad", "").startswith("Överenskommelse om samarbete")


def test_comment_period_ending_before_it_opens(project_copy):
    replace_in(project_copy / REV25, "status: proposed",
               "status: draft\ncomments: {open: true, from: 2026-01-10, until: 2026-01-05}")
    errors, _ = refused_build(project_copy)
    line = line_number(project_copy / REV25, "comments:")
    assert errors == [f"{REV25}:{line}: 'comments.until' (2026-01-05) is before 'comments.from' (2026-01-10)"]


def test_comment_period_shown_open_before_it_opens(project_copy):
    replace_in(project_copy / REV25, "status: proposed",
               "status: draft\ncomments: {open: true, from: 2026-02-01, until: 2026-03-01}")
    errors, _ = refused_build(project_copy)
    line = line_number(project_copy / REV25, "comments:")
    assert errors == [f"{REV25}:{line}: 'comments.from' is 2026-02-01, after the build date {BUILD_DATE}, but "
                      "open: true shows the period as open now: say open: false until it opens"]


def test_function_word_alias(project_copy):
    replace_in(project_copy / JAMTBUS, "  - Jämtbus\n", "  - Jämtbus\n  - och\n")
    errors, _ = refused_build(project_copy)
    assert errors == [f"{JAMTBUS}:5: alias 'och' is a common Swedish word: it would link ordinary text; "
                      "use a phrase that names only this page"]


def test_short_alias_that_is_no_abbreviation(project_copy):
    replace_in(project_copy / JAMTBUS, "  - Jämtbus\n", "  - Jämtbus\n  - JB\n")
    errors, _ = refused_build(project_copy)
    assert errors == [f"{JAMTBUS}:5: alias 'JB' is shorter than 4 letters: declare it in data/abbreviations.yml "
                      "if it is an abbreviation, or use a longer phrase"]


def test_the_real_aliases_pass_the_word_checks():
    pages = load_related(ROOT / "docs")
    aliases = {a for p in pages for a in p.aliases}
    assert {"Jämtbus", "Samverkansavtalet", "SIP"} <= aliases
    abbreviations = frozenset(e.abbreviation for e in load_glossary(ROOT).entries)
    assert check_alias_words(pages, abbreviations) == []


def test_boolean_abbreviation_key(project_copy):
    replace_in(project_copy / ABBREVIATIONS, "SVOM:", "NO:\n  expansion: null\n  source: null\nSVOM:")
    errors, _ = refused_build(project_copy)
    line = line_number(project_copy / ABBREVIATIONS, "NO:")
    assert errors == [f'{ABBREVIATIONS}:{line}: abbreviation False is not text: write it in quotes, e.g. "NO":']


def test_empty_abbreviation_key(project_copy):
    replace_in(project_copy / ABBREVIATIONS, "SVOM:", '"":\n  expansion: null\n  source: null\nSVOM:')
    errors, _ = refused_build(project_copy)
    line = line_number(project_copy / ABBREVIATIONS, '"":')
    assert errors == [f"{ABBREVIATIONS}:{line}: abbreviation '' is not text: write it in quotes, e.g. \"NO\":"]


def test_symlink_out_of_the_repository(project_copy):
    (project_copy / "docs" / "losenord.txt").symlink_to("/etc/passwd")
    (project_copy / "docs" / "inne.md").symlink_to(project_copy / "docs" / "index.md")  # inside: allowed
    errors, _ = refused_build(project_copy)
    assert errors == ["docs/losenord.txt:1: symbolic link to /etc/passwd, outside the repository: "
                      "its target would be published; copy the file into the repository"]


def test_error_output_is_capped(project_copy):
    long_key = "? " + "z" * 5000 + "\n: x\n"  # an unknown key: an error that quotes 5,000 letters
    numbers = "".join(f"  - {i}\n" for i in range(60))  # 60 aliases that are not text
    replace_in(project_copy / JAMTBUS, "aliases:\n  - Jämtbus\n", long_key + "aliases:\n  - Jämtbus\n" + numbers)
    errors, stderr = refused_build(project_copy)
    assert len(errors) == 50
    assert errors[0].startswith(f"{JAMTBUS}:3: unknown key 'zzzz") and errors[0].endswith("…")
    assert len(errors[0]) == len(f"{JAMTBUS}:3: ") + 400
    assert "… and 11 more" in stderr.splitlines()
    assert max(len(line) for line in stderr.splitlines()) < 500


def test_a_stopped_build_leaves_no_temporary_folder(project_copy):
    site = project_copy / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    env = dict(os.environ, SITE_BUILD_DATE=BUILD_DATE, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build.py"), "-f",
                                str(project_copy / "mkdocs.yml")], cwd=project_copy, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for _ in range(600):  # the staging folder appears when the build starts
        if list(project_copy.glob(".site-build-*")):
            break
        time.sleep(0.05)
    assert list(project_copy.glob(".site-build-*")), "the build never started"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in stderr
    assert not list(project_copy.glob(".site-*"))
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"


def test_source_that_links_to_a_device(project_copy):
    file = project_copy / REV25
    file.unlink()
    file.symlink_to("/dev/zero")  # read whole, it would never end
    errors, _ = refused_build(project_copy)
    assert errors == [f"{REV25}:1: not a regular file"]


def test_tab_in_mkdocs_yml(project_copy):
    """A tab where YAML wants spaces: the build and check.py both say where,
    before MkDocs reads the file (its own message has no line)."""
    replace_in(project_copy / "mkdocs.yml", "\n  search:\n", "\n\tsearch:\n")
    line = line_number(project_copy / "mkdocs.yml", "\tsearch:")
    expected = [f"mkdocs.yml:{line}: malformed YAML: found character '\\t' that cannot start any token"]
    errors, _ = refused_build(project_copy)
    assert errors == expected
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py")], cwd=project_copy,
                             capture_output=True, text=True)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert [l for l in checked.stderr.splitlines() if l.startswith("mkdocs.yml:")] == expected


def test_a_committed_build_cache_is_refused(project_copy):
    """A pull request that commits a build cache entry (its name is a hash
    anyone can compute) would have it served as a built diff page, past every
    check on the sources."""
    entry = project_copy / ".cache" / "diff-page" / "0123abcd.html"
    entry.parent.mkdir(parents=True)
    entry.write_text('<script>alert("x")</script>', encoding="utf-8")
    git = ["git", "-C", str(project_copy), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-f", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "planted"], check=True)
    expected = [".cache/diff-page/0123abcd.html:1: the build cache is in the repository: builds make it, "
                "and a committed entry would be published as built; remove .cache/ from the repository"]
    errors, _ = refused_build(project_copy)
    assert errors == expected
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "-f", str(project_copy / "mkdocs.yml")],
                           capture_output=True, text=True, cwd=project_copy)
    assert check.returncode == 1 and expected[0] in check.stderr.splitlines()
    subprocess.run(git + ["rm", "-rq", "--cached", ".cache"], check=True)
    subprocess.run(git + ["commit", "-qm", "removed"], check=True)
    assert build_project(project_copy).returncode == 0  # the same files, made by no one but builds: fine
