"""Bad input to the cross-links stops the build with `path:line: message` and
exit code 1 (before site/ is touched); an unresolvable law reference is
reported at info level with path:line and stays plain text."""
import re

from conftest import build_project

ZZ = "docs/relaterade/zz-test.md"


def write(project, rel, text):
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def assert_fails_with(project, *lines):
    result = build_project(project)
    assert result.returncode == 1, result.stdout + result.stderr
    for line in lines:
        assert line in result.stderr, result.stderr
    assert not (project / "site").exists()
    return result


def test_alias_claimed_by_two_related_pages(project_copy):
    write(project_copy, ZZ, "---\ntitle: Test\naliases:\n  - Testavtalet\n  - jämtbus\nsource: test\n---\n\nText.\n")
    assert_fails_with(project_copy, f"{ZZ}:5: alias 'jämtbus' is also claimed by docs/relaterade/jamtbus.md (line 4)")


def test_missing_and_unknown_front_matter_keys(project_copy):
    write(project_copy, ZZ, "---\ntitle: Test\naliases: [Testavtalet]\ntags: [x]\n---\n\nText.\n")
    assert_fails_with(project_copy, f"{ZZ}:1: missing required key 'source'",
                      f"{ZZ}:4: unknown key 'tags' (allowed: aliases, law, published, source, title)")


def test_wrong_types_in_front_matter(project_copy):
    write(project_copy, ZZ, "---\ntitle: Test\naliases:\n  - Testavtalet\n  - 12\nsource: test\nlaw: SFS 2017:612\n---\n")
    assert_fails_with(project_copy, f"{ZZ}:5: 'aliases' item 2 must be non-empty text, got 12",
                      f"{ZZ}:7: 'law' must be a list")


def test_law_name_with_no_sfs_number(project_copy):
    laws = project_copy / "data" / "laws.yml"
    text = laws.read_text(encoding="utf-8")
    entry = "  - title: Ny lag\n    names: [nya lagen]\n    chapters: false\n    source: test\n"
    text = text.replace("\nreports:\n", "\n" + entry + "\nreports:\n")
    laws.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - title: Ny lag") + 1
    assert_fails_with(project_copy, f"data/laws.yml:{line}: statute 'nya lagen' has no SFS number")


def test_abbreviation_expansion_without_source(project_copy):
    data = project_copy / "data" / "abbreviations.yml"
    text = data.read_text(encoding="utf-8") + "XYZ:\n  expansion: något\n  source: null\n"
    data.write_text(text, encoding="utf-8")
    line = len(text.splitlines())
    assert_fails_with(project_copy, f"data/abbreviations.yml:{line}: 'XYZ': an expansion needs its source")


def test_unresolvable_law_reference_is_reported_at_info_level_and_stays_plain_text(project_copy):
    laws = project_copy / "data" / "laws.yml"
    # HSL 2017:30 "in force" only from 2030: a bare "HSL" in 4.0 (2021) names no statute.
    text = laws.read_text(encoding="utf-8").replace("in_force: {from: 2017-04-01}", "in_force: {from: 2030-01-01}")
    laws.write_text(text, encoding="utf-8")
    source = (project_copy / "docs/revisioner/4.0/index.md").read_text(encoding="utf-8").splitlines()
    line = next(i for i, x in enumerate(source, 1) if "enligt 3 f § HSL" in x)
    result = build_project(project_copy)  # --strict: an info line does not stop the build
    assert result.returncode == 0, result.stderr
    assert (f"INFO    -  docs/revisioner/4.0/index.md:{line}: law reference '3 f § HSL' left unlinked: "
            "no statute in data/laws.yml is called 'HSL' on 2021-01-01") in result.stderr
    assert "WARNING" not in result.stderr
    page = (project_copy / "site" / "revisioner" / "4.0" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="lawref" href="https://lagen.nu/2017:30">8 a § hälso', page)  # explicit number still links
    # The unresolved reference stays plain text (its abbreviation still marked).
    assert 'enligt 3 f § <abbr title="hälso- och sjukvårdslagen">HSL</abbr> och' in page


def test_duplicate_sfs_number_in_the_law_table(project_copy):
    laws = project_copy / "data" / "laws.yml"
    text = laws.read_text(encoding="utf-8")
    entry = "  - sfs: \"2014:821\"\n    title: Patientlag\n    names: [nya patientlagen]\n    chapters: true\n    source: test\n"
    text = text.replace("\nreports:\n", "\n" + entry + "\nreports:\n")
    laws.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    first = lines.index('  - sfs: "2014:821"') + 1
    second = len(lines) - lines[::-1].index('  - sfs: "2014:821"')
    assert_fails_with(project_copy, f"data/laws.yml:{second}: SFS 2014:821 is already listed at line {first}")
