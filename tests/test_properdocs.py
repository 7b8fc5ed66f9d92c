"""The site builds the same with ProperDocs (the continuation of MkDocs 1.x) as
with MkDocs 1.6.1, the default: the real site is built cold with each, and the
two output trees are identical apart from the generator's name and version.

ProperDocs lives in its own venv (`.venv-properdocs`, made by `./dev test` from
requirements-properdocs.txt), so MkDocs stays the default everywhere else."""
from __future__ import annotations

import os
import re
import subprocess
from importlib import metadata
from pathlib import Path

from conftest import BUILD_DATE, ROOT, build_project, copy_project

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"
GENERATOR = re.compile(rb'(<meta name="generator" content=")([^"]*)(")')
# Pagefind does not fix the order of what its index files list (filters in the
# meta file, pages in the filter and word index files): three runs of the same
# Pagefind on the same pages gave three different meta files. Those files are
# made by Pagefind alone from the per-page fragments, which hold everything it
# took from a page (text, title, anchors, filters) and are compared byte for
# byte; of the index files (named by a hash of their bytes) only the number is
# compared, and of the entry file everything but the hash that names them.
PAGEFIND_INDEX = re.compile(r"^pagefind/.+\.(pf_meta|pf_filter|pf_index)$")
PAGEFIND_ENTRY = "pagefind/pagefind-entry.json"


def properdocs_pin() -> str:
    lines = (ROOT / "requirements-properdocs.txt").read_text(encoding="utf-8").splitlines()
    return next(line.split("==", 1)[1] for line in lines if line.startswith("properdocs=="))


def build_with_properdocs(project: Path, site: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, SITE_BUILD_DATE=BUILD_DATE, NO_MKDOCS_2_WARNING="1")
    command = [str(PROPERDOCS), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def generators(files: dict[str, bytes]) -> set[bytes]:
    return {m.group(2) for path, data in files.items() if path.endswith(".html")
            for m in GENERATOR.finditer(data)}


def without_generator(data: bytes) -> bytes:
    return GENERATOR.sub(rb"\1GENERATOR\3", data)


def comparable(files: dict[str, bytes]) -> tuple[dict[str, bytes], int]:
    """(files compared byte for byte, the number of Pagefind's index files)."""
    exact, index_files = {}, 0
    for path, data in files.items():
        if PAGEFIND_INDEX.match(path):
            index_files += 1
        elif path == PAGEFIND_ENTRY:
            exact[path] = re.sub(rb'"hash":"[^"]*"', b'"hash":"HASH"', data)
        else:
            exact[path] = without_generator(data) if path.endswith(".html") else data
    return exact, index_files


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path):
    assert PROPERDOCS.exists(), f"{PROPERDOCS} is missing: ./dev test installs requirements-properdocs.txt"
    # Two copies, each with its own (cold) build cache, so neither build reuses the other's output.
    mkdocs_project = copy_project(tmp_path / "mkdocs")
    properdocs_project = copy_project(tmp_path / "properdocs")
    mkdocs_result = build_project(mkdocs_project, tmp_path / "site-mkdocs")
    assert mkdocs_result.returncode == 0, mkdocs_result.stderr
    properdocs_result = build_with_properdocs(properdocs_project, tmp_path / "site-properdocs")
    assert properdocs_result.returncode == 0, properdocs_result.stderr

    mkdocs_files = tree(tmp_path / "site-mkdocs")
    properdocs_files = tree(tmp_path / "site-properdocs")
    material = metadata.version("mkdocs-material")
    assert generators(mkdocs_files) == {f"mkdocs-{metadata.version('mkdocs')}, mkdocs-material-{material}".encode()}
    assert generators(properdocs_files) == {f"mkdocs-ProperDocs {properdocs_pin()}, mkdocs-material-{material}".encode()}

    mkdocs_exact, mkdocs_index_files = comparable(mkdocs_files)
    properdocs_exact, properdocs_index_files = comparable(properdocs_files)
    assert sorted(mkdocs_exact) == sorted(properdocs_exact)
    differing = [path for path in mkdocs_exact if mkdocs_exact[path] != properdocs_exact[path]]
    assert differing == []
    assert mkdocs_index_files >= 3 and mkdocs_index_files == properdocs_index_files
    assert any(path.startswith("pagefind/fragment/") for path in mkdocs_exact)
    # The comparison covered the site's real outputs, not an empty tree.
    assert {"revisioner/4.0/index.html", "revisioner/4.0/overenskommelse-4.0.pdf", "dcat.jsonld",
            "feed.xml", "jamfor/4.0--2025/index.json"} <= set(mkdocs_exact)
