"""Build benchmark (prints figures; not a test).

1. The real site: a full build of this project against a plain Material build
   of the same Markdown (no hooks, no overrides; `bench_reader.build_plain_material`),
   median of --runs runs each, alternating, in one process. The project is built
   cold (its `.cache/` removed first) and warm (cache from the previous build, no
   source changed), with the time by part (`agreement.build.timing`).
2. Editing one paragraph under `mkdocs serve`: the build API twice in one
   process, as `mkdocs serve` calls it (once, then again after the edit), for
   the project and for the plain Material build.
3. The diff engine against the difflib baseline (`bench_diff`), same run.
4. Scale: a synthetic chain of N revisions (seeded random edits of the revision
   in force, `scripts/synthetic.py`) added to a temporary copy of the project,
   per N: a cold build, then a warm build after one paragraph of one revision
   changed; time, time by part, peak memory, size of `site/`. Median of --runs
   runs for each N whose first cold build takes under a minute.

Peak memory is that of the whole build: the build process and its workers
(diff and PDF workers, the server they fork from), the sum of their
proportional set sizes (PSS: a page two processes share counts half in each)
sampled five times a second from /proc.

Writes the tables to benchmarks/latest.md (git-ignored).

    python scripts/bench.py [--runs 5] [--scale 5,10,25,50] [--seed 7] [--diff-words 200000]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

import synthetic  # noqa: E402
from agreement.build import timing
from agreement.sources.revisions import load_revisions  # noqa: E402
from agreement.urls import revision_pdf  # noqa: E402
from bench_diff import measure_case  # noqa: E402
from bench_reader import build_plain_material  # noqa: E402

# Copies keep __pycache__: compiled code (Python's, and the diff engine's compiled
# search, see `compile_once`) is not the build cache, and a checkout keeps it
# after its first build; a cold build has no .cache/.
COPY_IGNORE = shutil.ignore_patterns(".venv", ".git", "site", ".site-*", ".cache", "benchmarks",
                                     "test-artifacts", ".pytest_cache", ".hypothesis")
SERVE_URL = "http://127.0.0.1:8000/"
EDIT_MARK = " (ändrad i mätningen)"
RE_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


@dataclass
class Build:
    seconds: float
    peak_kib: int = 0  # the whole process tree's memory at its peak (PSS, sampled)
    parts: dict | None = None  # seconds by part, from the build's own timing

    def part_table(self) -> dict[str, float]:
        parts = dict(self.parts or {})
        parts["other (MkDocs, theme, writing files)"] = max(0.0, self.seconds - sum(parts.values()))
        return parts


def compile_once() -> None:
    """Compile the diff engine's search (Numba caches it beside its module,
    where project copies find it), as a checkout's first build does."""
    from agreement.diff import myers

    a = list(range(myers.KERNEL_FROM))
    myers.matching_pairs(a, a[::-1])


def copy_project(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE, symlinks=True)
    return target


def edit_one_paragraph(source: Path) -> None:
    """What an editor does: change one word at the end of the first paragraph
    (the first line of body text that is not a heading, list item or blank)."""
    text = source.read_text(encoding="utf-8")
    front = RE_FRONT_MATTER.match(text)
    head, body = (text[:front.end()], text[front.end():]) if front else ("", text)
    lines = body.split("\n")
    for n, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith(("#", "-", "*", ">", "|", "<", "{", "!")):
            lines[n] = line.rstrip() + EDIT_MARK
            source.write_text(head + "\n".join(lines), encoding="utf-8")
            return
    raise SystemExit(f"{source}: no paragraph to edit")


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def tree_pss_kib(root: int) -> int:
    """The summed PSS of a process and all its descendants, in KiB."""
    total = 0
    for pid in _descendants(root):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except (OSError, ValueError):
            continue
    return total


class MemorySampler:
    """The peak of `tree_pss_kib(pid)`, sampled in a thread until `stop`."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval, self.peak_kib = pid, interval, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.wait(self.interval):
            self.peak_kib = max(self.peak_kib, tree_pss_kib(self.pid))

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak_kib


def timed_build(project: Path, site_dir: Path, timings: bool = True) -> Build:
    """One `mkdocs build --strict` in a child process: seconds, the peak
    memory of the build's processes (`MemorySampler`) and its time by part."""
    report = site_dir.parent / f"{site_dir.name}-timings.json"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BUILD_TIMINGS_FILE=str(report))
    shutil.rmtree(site_dir, ignore_errors=True)
    report.unlink(missing_ok=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
               "-d", str(site_dir)]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = MemorySampler(child.pid)
    errors = child.stderr.read().decode("utf-8", "replace")
    peak = memory.stop()  # the build's output ends when it does; its processes are still there to sample
    _, status, _ = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {project} failed:\n{errors}")
    return Build(seconds, peak, timing.read(report) if timings and report.exists() else None)


def plain_build(work: Path, site_dir: Path) -> Build:
    start = time.perf_counter()
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(site_dir, ignore_errors=True)
    build_plain_material(work, site_dir, SERVE_URL)
    return Build(time.perf_counter() - start)


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def median_parts(builds: list[Build]) -> dict[str, float]:
    tables = [b.part_table() for b in builds]
    return {k: statistics.median(t.get(k, 0.0) for t in tables) for k in tables[0]}


def parts_lines(title: str, columns: dict[str, dict[str, float]]) -> list[str]:
    names = list(dict.fromkeys(k for parts in columns.values() for k in parts))
    lines = [title, "", "| part | " + " | ".join(columns) + " |",
             "| --- |" + " ---: |" * len(columns)]
    for name in names:
        lines.append(f"| {name} | " + " | ".join(f"{parts.get(name, 0.0):.2f}" for parts in columns.values()) + " |")
    totals = [sum(parts.values()) for parts in columns.values()]
    lines.append("| **total** | " + " | ".join(f"**{t:.2f}**" for t in totals) + " |")
    return lines + [""]


# --- 1. the real site ----------------------------------------------------------

def real_site(tmp: Path, runs: int) -> list[str]:
    project = copy_project(tmp / "project")
    cold, warm, plain = [], [], []
    for _ in range(runs):
        plain.append(plain_build(tmp / "plain", tmp / "site-plain"))
        shutil.rmtree(project / ".cache", ignore_errors=True)
        cold.append(timed_build(project, tmp / "site-cold"))
        warm.append(timed_build(project, tmp / "site-warm"))
    m_cold, m_warm, m_plain = (statistics.median(b.seconds for b in x) for x in (cold, warm, plain))
    cold_parts = median_parts(cold)
    biggest = sorted(((v, k) for k, v in cold_parts.items()), reverse=True)[:2]
    return [
        f"## Real site (median of {runs}, alternating)",
        "",
        "| build | seconds | ratio to plain Material |",
        "| --- | ---: | ---: |",
        f"| plain Material, same Markdown, no hooks | {m_plain:.2f} | 1.00 |",
        f"| this project, warm (`.cache/` present, no source changed) | {m_warm:.2f} | {m_warm / m_plain:.2f} |",
        f"| this project, cold (no `.cache/`) | {m_cold:.2f} | {m_cold / m_plain:.2f} |",
        "",
        f"Cold, the two largest parts: " + ", ".join(f"{k} {v:.2f} s ({v / m_cold:.0%})" for v, k in biggest)
        + ".",
        "",
    ] + parts_lines("Time by part, seconds (median):", {"cold": cold_parts, "warm": median_parts(warm)})


# --- 2. a rebuild under `mkdocs serve` -----------------------------------------

def rebuild_in_one_process(config_file: Path, source: Path, site_dir: Path) -> dict:
    """Run in a child process: build as `mkdocs serve` does, edit one paragraph
    of `source`, build again; the seconds of each and the second one's parts."""
    import logging

    from site_context import serve_builds

    handler = logging.StreamHandler()  # what `mkdocs serve` would print
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)

    with serve_builds(config_file, site_dir, SERVE_URL) as serve_build:
        start = time.perf_counter()
        has_hooks = serve_build()
        first = time.perf_counter() - start
        edit_one_paragraph(source)
        start = time.perf_counter()
        serve_build()
        again = time.perf_counter() - start
        result = {"first": first, "rebuild": again, "parts": timing.parts() if has_hooks else {}}
        if has_hooks:
            # Under serve the edited revision's PDF is rendered after the pages, in the background.
            pdf = site_dir / revision_pdf(source.parent.name)
            result["pdf_when_rebuild_returned"] = pdf.exists()  # the rebuild cleaned site/ and did not wait
            while not pdf.exists() and time.perf_counter() - start < 120:
                time.sleep(0.02)
            result["pdf_ready"] = time.perf_counter() - start
    return result


def run_rebuild_child(config_file: Path, source: Path, site_dir: Path) -> dict:
    out = site_dir.parent / f"{site_dir.name}-rebuild.json"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, __file__, "--rebuild-child", str(config_file), str(source),
                    str(site_dir), str(out)], check=True, env=env, cwd=config_file.parent,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def editable(revisions):
    """The newest revision with text that is not adopted: adopted texts are
    locked (locks/revisions.json), so editors edit drafts and proposals."""
    return next(r for r in reversed(revisions.revisions) if r.has_text and r.status in ("draft", "proposed"))


def serve_rebuild(tmp: Path, runs: int) -> list[str]:
    edited = editable(load_revisions(ROOT / "docs"))
    relative_source = Path(edited.path)
    ours, plain = [], []
    for n in range(runs):
        project = copy_project(tmp / f"serve-{n}")
        timed_build(project, tmp / "serve-warmup", timings=False)  # the cache a previous `serve` left
        ours.append(run_rebuild_child(project / "mkdocs.yml", project / relative_source, tmp / f"serve-site-{n}"))
        work = tmp / f"serve-plain-{n}"
        build_plain_material(work, tmp / "serve-plain-warmup", SERVE_URL)
        plain.append(run_rebuild_child(work / "mkdocs.yml", work / relative_source, tmp / f"serve-plain-site-{n}"))
        shutil.rmtree(project)
    m_ours, m_plain = (statistics.median(r["rebuild"] for r in x) for x in (ours, plain))
    m_pdf = statistics.median(r["pdf_ready"] for r in ours)
    parts = {k: statistics.median(r["parts"].get(k, 0.0) for r in ours) for k in ours[0]["parts"]}
    parts["other (MkDocs, theme, writing files)"] = max(0.0, m_ours - sum(parts.values()))
    return [
        f"## One paragraph of {edited.label} edited under `mkdocs serve` (build API twice in one process, median of {runs})",
        "",
        "| rebuild after the edit | seconds | ratio to plain Material |",
        "| --- | ---: | ---: |",
        f"| plain Material | {m_plain:.2f} | 1.00 |",
        f"| this project (cache from the first build) | {m_ours:.2f} | {m_ours / m_plain:.2f} |",
        "",
        f"The edited revision's PDF, rendered in the background, was in `site/` {m_pdf:.2f} s after the "
        "rebuild began; every other PDF and diff page came from the cache.",
        "",
    ] + parts_lines("Time by part of the project's rebuild, seconds (median):", {"rebuild": parts})


# --- 3. the diff engine ---------------------------------------------------------

def diff_engine(words: int, seed: int) -> list[str]:
    real = load_revisions(ROOT / "docs")
    base = real.in_force
    big = synthetic.grow(base, words, seed)
    cases = [measure_case(f"{base.label} against an edit of itself", base, synthetic.edit(base, seed)),
             measure_case(f"synthetic, {words:,} words", big, synthetic.edit(big, seed + 1))]
    lines = ["## Diff engine against difflib (same run)", "",
             "| pair | words | difflib s | engine s (cold) | engine s (warm) | ratio | edit script: difflib / engine (words) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for c in cases:
        lines.append(f"| {c.name} | {c.old_words:,} | {c.baseline_s:.3f} | {c.engine_s:.3f} | {c.engine_warm_s:.3f} | "
                     f"{c.ratio:.1f}x | {c.baseline_size:,} / {c.engine_size:,} |")
    return lines + [""]


# --- 4. scale ---------------------------------------------------------------------

def scale(tmp: Path, sizes: list[int], seed: int, runs: int) -> list[str]:
    real = load_revisions(ROOT / "docs")
    lines = ["## Scale: N synthetic revisions added to the real ones", "",
             f"Warm: the cache of the cold build present, one paragraph of one synthetic revision changed. "
             f"Median of {runs} runs where the first cold build took under a minute. Peak memory: all the "
             "build's processes together (PSS), the largest of the runs.", "",
             "| N | revisions | diff pages | runs | cold s | warm s | peak memory MiB (cold / warm) | site/ MiB |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    parts: dict[str, dict[str, float]] = {}
    for n in sizes:
        colds, warms, size = [], [], 0
        for run in range(runs):
            project = copy_project(tmp / f"scale-{n}")
            added = synthetic.write_proposals(project / "docs", real, n, seed)
            site = tmp / f"scale-{n}-site"
            colds.append(timed_build(project, site))
            edit_one_paragraph(project / "docs" / "revisioner" / added[len(added) // 2].id / "index.md")
            warms.append(timed_build(project, site))
            size = folder_size(site)
            shutil.rmtree(project)
            shutil.rmtree(site)
            print(f"measured N={n}: cold {colds[-1].seconds:.1f} s, warm {warms[-1].seconds:.1f} s",
                  file=sys.stderr, flush=True)
            if colds[0].seconds >= 60:
                break
        total = len(real.revisions) + n
        cold, warm = (statistics.median(b.seconds for b in builds) for builds in (colds, warms))
        lines.append(f"| {n} | {total} | {total * (total - 1) // 2:,} | {len(colds)} | {cold:.1f} | {warm:.1f} | "
                     f"{max(b.peak_kib for b in colds) / 1024:.0f} / {max(b.peak_kib for b in warms) / 1024:.0f} | "
                     f"{size / 2**20:.1f} |")
        parts[f"N={n} cold"], parts[f"N={n} warm"] = median_parts(colds), median_parts(warms)
    return lines + [""] + parts_lines("Time by part, seconds (median):", parts)


def main(argv: list[str] | None = None) -> int:
    if argv is None and sys.argv[1:2] == ["--rebuild-child"]:
        config_file, source, site_dir, out = map(Path, sys.argv[2:6])
        result = rebuild_in_one_process(config_file, source, site_dir)
        out.write_text(json.dumps(result), encoding="utf-8")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", default="5,10,25,50", help="comma-separated N; empty for none")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--diff-words", type=int, default=200_000, help="words of the synthetic diff pair; 0 for none")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.scale.split(",") if n.strip()]
    report = ["# Build benchmark", "", f"{os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M')}", ""]
    out = ROOT / "benchmarks" / "latest.md"
    out.parent.mkdir(exist_ok=True)

    def section(lines: list[str]) -> None:
        report.extend(lines)
        print("\n".join(lines), flush=True)
        out.write_text("\n".join(report), encoding="utf-8")  # what is measured so far survives a stop

    compile_once()
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp = Path(tmp)
        section(real_site(tmp, args.runs))
        section(serve_rebuild(tmp, args.runs))
        if args.diff_words:
            section(diff_engine(args.diff_words, args.seed))
        if sizes:
            section(scale(tmp, sizes, args.seed, args.runs))
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
