"""Build the site atomically: MkDocs builds into a temporary folder beside
`site/`, and only a build that succeeded replaces it. A failed build of any
kind leaves the previous `site/` exactly as it was.

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


def build(config_file: Path, site_dir: Path, strict: bool = True, env: dict | None = None) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    # No --quiet: it raises the log level above WARNING, so --strict would no
    # longer see (or fail on) warnings such as unresolved law references.
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(staging)]
    if strict:
        command.append("--strict")
    run_env = dict(os.environ if env is None else env, NO_MKDOCS_2_WARNING="1")
    result = None
    try:
        # subprocess.run kills MkDocs when this process is interrupted or stopped.
        result = subprocess.run(command, env=run_env)
    finally:
        if result is None or result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)  # no .site-build-* left behind, however it ends
    if result.returncode != 0:
        print(f"Bygget misslyckades; {site_dir} är orört.", file=sys.stderr)
        return 1
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
        os.replace(site_dir, old / "site")
    os.replace(staging, site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return 0


def _exit_on_signal(signum, _frame):
    # SIGTERM (a CI timeout, `kill`) ends the build like Ctrl-C does: through the
    # `finally` blocks, so the temporary folder is removed.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    parser.add_argument("-d", "--site-dir", default=None, type=Path)
    parser.add_argument("--no-strict", action="store_true")
    args = parser.parse_args(argv)
    site_dir = args.site_dir or args.config_file.resolve().parent / "site"
    return build(args.config_file, site_dir, strict=not args.no_strict)


if __name__ == "__main__":
    sys.exit(main())
