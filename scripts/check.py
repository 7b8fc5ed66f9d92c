"""Check every source without building: the same loaders and checks as the
build, so the same `path:line: message` lines, in a fraction of its time.

    python scripts/check.py [-f mkdocs.yml]

Exit code 0 when the sources are in order, 1 when any has an error.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from agreement.checks import check_sources  # noqa: E402
from agreement.model.errors import report_lines  # noqa: E402
from site_context import settings_for_script  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    args = parser.parse_args(argv)
    settings = settings_for_script(args.config_file)
    if settings is None:
        return 1
    warnings: list[str] = []
    checked = check_sources(settings, warnings.append)
    errors = checked.errors
    for line in report_lines(errors):
        print(line, file=sys.stderr)
    for warning in warnings:  # the build runs with --strict: a warning stops it too
        print(f"WARNING -  {warning}", file=sys.stderr)
    if errors or warnings:
        print(f"{len(errors)} fel och {len(warnings)} varningar i källorna.", file=sys.stderr)
        return 1
    print(f"Källorna är i ordning: {len(checked.revisions)} versioner.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
