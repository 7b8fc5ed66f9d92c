"""scripts/build.py puts a new site in place without a gap: a reader of
`site/index.html` never finds it missing, the site is readable by a web server
(folders 0755), and no temporary folder is left behind, also when the build is
interrupted."""
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

from agreement.build.swap import replace_folder
from conftest import build_project, copy_project

READER = """
import os, sys
path, stop = sys.argv[1:]
reads = misses = 0
while not os.path.exists(stop):
    try:
        with open(path, "rb") as page:
            page.read(1)
        reads += 1
    except FileNotFoundError:
        misses += 1
print(reads, misses)
"""


class Reader:
    """A second process that reads a file continuously until stopped."""

    def __init__(self, path: Path, tmp_path: Path):
        self.stop_file = tmp_path / "stop-reading"
        self.process = subprocess.Popen([sys.executable, "-c", READER, str(path), str(self.stop_file)],
                                        stdout=subprocess.PIPE, text=True)

    def wait_until_reading(self, path: Path) -> None:
        time.sleep(0.3)  # started; it reads from its first loop on
        assert path.is_file() and self.process.poll() is None

    def finish(self) -> tuple[int, int]:
        self.stop_file.touch()
        out, _ = self.process.communicate(timeout=60)
        reads, misses = map(int, out.split())
        return reads, misses


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".site-build-", ".site-old-")))


def test_a_rebuild_never_leaves_a_moment_without_the_site_and_makes_it_public(tmp_path):
    project = copy_project(tmp_path / "project")
    assert build_project(project).returncode == 0
    site = project / "site"
    first_inode = site.stat().st_ino
    reader = Reader(site / "index.html", tmp_path)
    reader.wait_until_reading(site / "index.html")
    result = build_project(project)
    reads, misses = reader.finish()
    assert result.returncode == 0, result.stderr
    assert site.stat().st_ino != first_inode, "the site was replaced"
    assert reads > 0 and misses == 0, f"{misses} of {reads + misses} reads found no site/index.html"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {0o755}
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o444 == 0o444 for p in site.rglob("*") if p.is_file())
    assert leftovers(project) == []


def test_replacing_a_folder_many_times_is_never_seen_as_a_gap(tmp_path):
    """The swap itself, many times over: with two renames (the old way) a
    reader finds the gap between them; with an exchange it cannot."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("0")
    reader = Reader(site / "index.html", tmp_path)
    reader.wait_until_reading(site / "index.html")
    for n in range(1, 301):
        new = tmp_path / f"new-{n}"
        new.mkdir()
        (new / "index.html").write_text(str(n))
        replace_folder(new, site, tmp_path / "trash")
        assert not new.exists()
        (tmp_path / "trash" / "index.html").unlink()
        (tmp_path / "trash").rmdir()
    reads, misses = reader.finish()
    assert (site / "index.html").read_text() == "300"
    assert reads > 0 and misses == 0, f"{misses} of {reads + misses} reads found no index.html"


def test_an_interrupted_build_leaves_the_site_as_it_was_and_no_temporary_folder(tmp_path):
    project = copy_project(tmp_path / "project")
    assert build_project(project).returncode == 0
    site = project / "site"
    before = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*")}
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for stop in (signal.SIGINT, signal.SIGTERM):
        build = subprocess.Popen([sys.executable, str(Path(__file__).parents[1] / "scripts" / "build.py"),
                                  "-f", str(project / "mkdocs.yml")], cwd=project, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not any(p.is_dir() and any(p.iterdir()) for p in project.glob(".site-build-*")):
            assert build.poll() is None and time.monotonic() < deadline, "the build never started writing"
            time.sleep(0.02)
        build.send_signal(stop)
        _, err = build.communicate(timeout=60)
        assert build.returncode != 0, err
        assert "Traceback" not in err
        assert leftovers(project) == [], stop
        assert {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*")} == before
