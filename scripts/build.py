"""Build the site atomically: MkDocs builds into a temporary folder beside
`site/`, and only a build that succeeded replaces it, in one step (the two
folders' names are exchanged, so `site/` is never missing, not even for a
moment). A failed or interrupted build of any kind leaves the previous
`site/` exactly as it was, and no temporary folder behind.

    python scripts/build.py [-f mkdocs.yml] [-d site] [--no-strict]
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from agreement.build.swap import make_public, replace_folder  # noqa: E402
from agreement.model.errors import report_lines  # noqa: E402
from agreement.sources.region import check_region_config  # noqa: E402


def build(config_file: Path, site_dir: Path, strict: bool = True, env: dict | None = None) -> int:
    # MkDocs reads the config file before any hook runs and reports a broken
    # one without its line: say where first, as the build's own checks do.
    config_errors = check_region_config(Path(config_file), os.path.relpath(config_file))
    if config_errors:
        for line in report_lines(config_errors):
            print(line, file=sys.stderr)
        print(f"Bygget misslyckades; {site_dir} är orört.", file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    trash = staging.with_name(staging.name.replace(".site-build-", ".site-old-"))
    try:
        # No --quiet: it raises the log level above WARNING, so --strict would no
        # longer see (or fail on) warnings such as unresolved law references.
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(staging)]
        if strict:
            command.append("--strict")
        run_env = dict(os.environ if env is None else env, NO_MKDOCS_2_WARNING="1")
        if subprocess.run(command, env=run_env).returncode != 0:
            print(f"Bygget misslyckades; {site_dir} är orört.", file=sys.stderr)
            return 1
        make_public(staging)
        replace_folder(staging, site_dir, trash)
        return 0
    finally:
        # On every exit, Ctrl-C and SIGTERM included: the new site if it was
        # not swapped in, the old one if it was.
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(trash, ignore_errors=True)


def _exit_on_signal(signum, _frame):
    # SIGTERM (a CI timeout, `kill`) and SIGHUP end the build like Ctrl-C does:
    # through the `finally` blocks, so the temporary folders are removed.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    parser.add_argument("-d", "--site-dir", default=None, type=Path)
    parser.add_argument("--no-strict", action="store_true")
    args = parser.parse_args(argv)
    site_dir = args.site_dir or args.config_file.resolve().parent / "site"
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)
    try:
        return build(args.config_file, site_dir, strict=not args.no_strict)
    except KeyboardInterrupt:
        print("Bygget avbröts.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
