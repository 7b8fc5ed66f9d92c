"""Shared fixtures: real builds of the project (or of a copy of it in a temporary
folder), a local HTTP server for the built site, and Debian's Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD_DATE = "2026-01-15"  # SITE_BUILD_DATE for reproducible builds in tests
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data", "sources", "locks", "schemas")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking",
                 "--disable-gpu", "--disable-component-update", "--disable-sync", "--no-first-run"]


def build_project(project_dir: Path, site_dir: Path | None = None, env: dict | None = None,
                  strict: bool = True) -> subprocess.CompletedProcess:
    """Build a project folder with the project's own build command."""
    site_dir = site_dir or project_dir / "site"
    run_env = dict(os.environ, SITE_BUILD_DATE=BUILD_DATE, NO_MKDOCS_2_WARNING="1")
    run_env.update(env or {})
    command = [sys.executable, str(ROOT / "scripts" / "build.py"),
               "-f", str(project_dir / "mkdocs.yml"), "-d", str(site_dir)]
    if not strict:
        command.append("--no-strict")
    return subprocess.run(command, cwd=project_dir, env=run_env, capture_output=True, text=True)


def copy_project(dest: Path) -> Path:
    """A copy of the project's sources, settings, hooks and templates."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def read_html(site: Path, path: str):
    """Parse a built page; `path` is a site path like `revisioner/4.0/`."""
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    return lxml.html.fromstring(file.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session."""
    out = tmp_path_factory.mktemp("real-site") / "site"
    result = build_project(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_dir(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def server(site):
    srv, url = serve_dir(site)
    yield url
    srv.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (./dev test does)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class PageRecorder:
    """A browser page that records requests, console errors and page errors."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))


@pytest.fixture
def browser_page(browser):
    context = browser.new_context()
    recorder = PageRecorder(context)
    yield recorder
    context.close()
