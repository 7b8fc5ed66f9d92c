"""Law-reference benchmark (prints figures; not a test): linking the whole text
of a revision with the grammar (links/lawgrammar.py) against the regular
expression it replaced, in one process. The baseline is read from git (the
regex version of links/lawrefs.py at --baseline), not kept in the tree.

Both find and resolve every reference in every text slot of the rendered
revision page (the work of the law-reference decorate step, without the tree
edits both share); the grammar's construction, once per build, is timed apart.

    python scripts/bench_lawrefs.py [--revision 4.0] [--runs 50] [--baseline 26389e7]
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from agreement.links import lawrefs  # noqa: E402
from site_context import settings_for_script  # noqa: E402
from agreement.links.steps import reference_date  # noqa: E402
from agreement.sources.lawtable import load_law_table  # noqa: E402
from agreement.sources.revisions import load_revisions  # noqa: E402
from agreement.text.render import make_renderer  # noqa: E402
from agreement.text.structure import parse_fragment  # noqa: E402
from agreement.text.textmatch import skip_headings_links_code, text_slots  # noqa: E402

BASELINE = "26389e7"  # the last commit whose links/lawrefs.py is the single regular expression
MODULE = "hooks/agreement/links/lawrefs.py"


def baseline_module(ref: str) -> types.ModuleType:
    source = subprocess.run(["git", "show", f"{ref}:{MODULE}"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    module = types.ModuleType("lawrefs_baseline")
    sys.modules[module.__name__] = module  # dataclasses look their module up there
    exec(compile(source, f"{ref}:{MODULE}", "exec"), module.__dict__)
    return module


def median_seconds(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)  # CPU time of this process: steadier than wall time on a shared machine


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--revision", default="4.0")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--baseline", default=BASELINE)
    args = parser.parse_args()

    settings = settings_for_script(ROOT / "mkdocs.yml")
    if settings is None:
        return 1
    revision = load_revisions(settings.docs_dir).get(args.revision)
    html = make_renderer(settings.extensions, settings.extension_configs)(revision.body)
    texts = [slot.text for slot in text_slots(parse_fragment(html), skip_headings_links_code)]
    table = load_law_table(ROOT)
    day = reference_date(revision, dt.date.today())
    old = baseline_module(args.baseline)

    old_compile = median_seconds(lambda: old.compile_grammar(table), args.runs)
    new_compile = median_seconds(lambda: lawrefs.compile_grammar(table), max(3, args.runs // 10))
    old_grammar, new_grammar = old.compile_grammar(table), lawrefs.compile_grammar(table)

    def link_old():
        return [old.resolve(ref, table, day) for text in texts for ref in old.parse(text, old_grammar)]

    def link_new():
        return [r for text in texts for r in lawrefs.resolve_text(text, new_grammar, table, day)]

    old_links = sum(1 for r in link_old() if r.href)
    new_links = sum(len(r.links) for r in link_new())
    # What setup made (the page, the table, both grammars) is not what is timed: keep it out
    # of the garbage collector's scans, as the rest of a build's heap would be for both.
    gc.collect()
    gc.freeze()
    # Alternate the two, so that load from elsewhere on the machine falls on both alike.
    old_times, new_times = [], []
    for _ in range(args.runs):
        old_times.append(median_seconds(link_old, 1))
        new_times.append(median_seconds(link_new, 1))
    old_link, new_link = statistics.median(old_times), statistics.median(new_times)
    print(f"revision {args.revision}: {len(texts)} text slots, {sum(map(len, texts))} characters; "
          f"median of {args.runs} runs")
    print("| | regex (baseline) | grammar |")
    print("| --- | ---: | ---: |")
    print(f"| links made | {old_links} | {new_links} |")
    print(f"| link the whole text | {old_link * 1000:.2f} ms | {new_link * 1000:.2f} ms |")
    print(f"| build the grammar (once per build) | {old_compile * 1000:.2f} ms | {new_compile * 1000:.2f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
