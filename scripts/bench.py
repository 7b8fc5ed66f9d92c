"""Build benchmark (prints figures; not a test).

1. The real site: a full build of this project against a plain Material build
   of the same Markdown (no hooks, no overrides; `bench_reader.build_plain_material`),
   median of --runs runs each, alternating, in one process. The project is built
   cold (its `.cache/` removed first) and warm (cache from the previous build).
2. Scale: a synthetic chain of N revisions (seeded random edits of the revision
   in force, `agreement.synthetic`) appended to a temporary copy of the project,
   built once cold and once warm per N: build time, peak resident memory of the
   build process, size of `site/`, number of diff pages.

Writes the tables to benchmarks/latest.md (git-ignored).

    python scripts/bench.py [--runs 5] [--scale 5,10,25,50] [--seed 7]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

from agreement import synthetic  # noqa: E402
from agreement.load import load_revisions  # noqa: E402
from bench_reader import build_plain_material  # noqa: E402

COPY_IGNORE = shutil.ignore_patterns(".venv", ".git", "site", ".site-*", "benchmarks",
                                     "test-artifacts", "__pycache__", ".pytest_cache", ".hypothesis")


def copy_project(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE, symlinks=True)
    shutil.rmtree(target / ".cache", ignore_errors=True)
    return target


def timed_build(project: Path, site_dir: Path) -> tuple[float, int]:
    """Seconds and peak resident KiB of one `mkdocs build --strict` in a child process
    (`os.wait4` gives that child's own peak, not the maximum over all children)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    shutil.rmtree(site_dir, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
               "-d", str(site_dir)]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors = child.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{errors}")
    return seconds, usage.ru_maxrss


def plain_build(work: Path, site_dir: Path) -> float:
    start = time.perf_counter()
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(site_dir, ignore_errors=True)
    build_plain_material(work, site_dir, "http://127.0.0.1:8000/")
    return time.perf_counter() - start


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def real_site(tmp: Path, runs: int) -> list[str]:
    project = copy_project(tmp / "project")
    cold, warm, plain = [], [], []
    for _ in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        cold.append(timed_build(project, tmp / "site-cold")[0])
        warm.append(timed_build(project, tmp / "site-warm")[0])
        plain.append(plain_build(tmp / "plain", tmp / "site-plain"))
    m_cold, m_warm, m_plain = (statistics.median(x) for x in (cold, warm, plain))
    return [
        f"## Real site (median of {runs}, alternating)",
        "",
        "| build | seconds | ratio to plain Material |",
        "| --- | ---: | ---: |",
        f"| plain Material, same Markdown, no hooks | {m_plain:.2f} | 1.00 |",
        f"| this project, warm (`.cache/` present) | {m_warm:.2f} | {m_warm / m_plain:.2f} |",
        f"| this project, cold (no `.cache/`) | {m_cold:.2f} | {m_cold / m_plain:.2f} |",
        "",
    ]


def scale(tmp: Path, sizes: list[int], seed: int) -> list[str]:
    real = load_revisions(ROOT / "docs")
    lines = ["## Scale: synthetic revisions appended to the real chain", "",
             "| N | diff pages | cold s | warm s | peak RSS MiB | site/ MiB |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n in sizes:
        project = copy_project(tmp / f"scale-{n}")
        revisions_dir = project / "docs" / "revisioner"
        for revision in synthetic.chain(real.in_force, n, seed):
            # Proposals: they join the chain without touching the lock of adopted ones.
            revision = replace(revision, status="proposed", previous=revision.previous or real.newest.id)
            folder = revisions_dir / revision.id
            folder.mkdir()
            (folder / "index.md").write_text(synthetic.to_markdown(revision), encoding="utf-8")
        total = len(real.revisions) + n
        cold, rss_cold = timed_build(project, tmp / f"scale-{n}-site")
        warm, rss_warm = timed_build(project, tmp / f"scale-{n}-site")
        size = folder_size(tmp / f"scale-{n}-site")
        lines.append(f"| {n} | {total * (total - 1) // 2} | {cold:.1f} | {warm:.1f} | "
                     f"{max(rss_cold, rss_warm) / 1024:.0f} | {size / 2**20:.1f} |")
        print(lines[-1], flush=True)
        shutil.rmtree(project)
        shutil.rmtree(tmp / f"scale-{n}-site")
    return lines + [""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", default="5,10,25,50", help="comma-separated N; empty for none")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.scale.split(",") if n.strip()]
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp = Path(tmp)
        report = ["# Build benchmark", ""] + real_site(tmp, args.runs)
        print("\n".join(report), flush=True)
        if sizes:
            report += scale(tmp, sizes, args.seed)
    out = ROOT / "benchmarks" / "latest.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(report), encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
