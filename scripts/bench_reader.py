"""Reader benchmark (prints figures; not a test).

For the start page and the page of the revision in force: bytes transferred on
a first load and the number of requests, and the time from opening a page to
search results for a query (median of 5 cold loads), for this site and for a
plain Material build of the same Markdown (Material's own lunr search, no
hooks, no overrides), built in a temporary folder. Then Lighthouse (mobile)
on the revision page of this site, and of the plain build for comparison.

Both sites are served by the same local server, which gzips text as any real
host does (GitHub Pages, nginx).

    python scripts/bench_reader.py [--query utskrivning] [--runs 5] [--no-lighthouse]

Lighthouse is the npm package `lighthouse` (13.5), installed on first use into
benchmarks/lighthouse/ (git-ignored); it runs Debian's Chromium (CHROME_PATH).
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from agreement.sources.revisions import load_revisions  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LIGHTHOUSE_DIR = ROOT / "benchmarks" / "lighthouse"
LIGHTHOUSE_VERSION = "13.5"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")
RE_TEMPLATE_KEY = re.compile(r"^template:.*\n", re.M)


# --- serving -----------------------------------------------------------------

class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it (as real hosts do).
    Pagefind's own files are already compressed and are sent as they are."""

    def log_message(self, *args):
        pass

    def send_head(self):
        self._gz_body = None
        url_path = self.path.split("?", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in (self.headers.get("Accept-Encoding") or "")
        if not accepts or path.suffix not in COMPRESSIBLE or not path.is_file():
            return super().send_head()  # redirects, 404s, images, fonts, Pagefind's own gzip files
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._gz_body = body
        return None

    def do_GET(self):
        f = self.send_head()
        if self._gz_body is not None:
            self.wfile.write(self._gz_body)
        elif f:
            try:
                self.copyfile(f, self.wfile)
            finally:
                f.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(directory: Path, port: int):
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/"


# --- building ----------------------------------------------------------------

def build_site(site_dir: Path, site_url: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "-f", str(ROOT / "mkdocs.yml"),
                    "-d", str(site_dir)], check=True, env=env, cwd=ROOT)


def build_plain_material(work: Path, site_dir: Path, site_url: str) -> None:
    """The same Markdown, plain Material: no hooks, no overrides, no extra CSS/JS,
    Material's own search; `template:` keys (which name our templates) dropped."""
    docs = work / "docs"
    for md in (ROOT / "docs").rglob("*.md"):
        target = docs / md.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(RE_TEMPLATE_KEY.sub("", md.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    config = f"""site_name: Samverkansöverenskommelse psykisk funktionsnedsättning
site_url: {site_url}
theme:
  name: material
  language: sv
plugins:
  - search:
      lang: sv
markdown_extensions: [toc, attr_list, abbr, admonition, tables, md_in_html]
"""
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(work / "mkdocs.yml"),
                    "-d", str(site_dir)], check=True, env=env, cwd=work)


# --- measuring in Chromium ---------------------------------------------------

def first_load(browser, url: str) -> tuple[int, int, list[str]]:
    """A cold load of `url` until the network is idle: (bytes transferred,
    requests, hosts other than the server asked). Counts the page's workers'
    requests too (Material's search worker and its index); data: URLs (icons
    inlined in the theme's CSS) are not requests."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []
    foreign: list[str] = []
    origin = url.split("/", 3)[:3]

    def finished(request):
        if request.url.startswith("data:"):
            return
        size = request.sizes()
        sizes.append(size["responseBodySize"] + size["responseHeadersSize"])

    def failed(request):
        if not request.url.startswith("data:"):
            sizes.append(0)
    context.on("requestfinished", finished)
    context.on("requestfailed", failed)
    context.on("request", lambda r: r.url.split("/", 3)[:3] != origin and not r.url.startswith("data:")
               and foreign.append(r.url.split("/", 3)[2]))
    page.goto(url, wait_until="networkidle")
    context.close()
    return sum(sizes), len(sizes), sorted(set(foreign))


def time_to_results_ours(browser, base: str, query: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(f"{base}sok/?q={query}")
    page.wait_for_selector("#search-results a[href]")
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def time_to_results_material(browser, base: str, query: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(base)
    # Material ignores typing until its worker has loaded the index.
    page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('Initialiserar')")
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item")
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def median_of(runs: int, fn) -> float:
    return statistics.median(fn() for _ in range(runs))


# --- Lighthouse --------------------------------------------------------------

def lighthouse_bin() -> Path:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE_DIR),
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return binary


def lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run([str(lighthouse_bin()), url, "--quiet", "--output=json", f"--output-path={out}",
                    "--only-categories=performance,accessibility,best-practices,seo",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   check=True, env=env)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {k: v["score"] for k, v in report["categories"].items()}
    audits = report["audits"]
    scores["fcp_s"] = audits["first-contentful-paint"]["numericValue"] / 1000
    scores["lcp_s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    scores["tbt_ms"] = audits["total-blocking-time"]["numericValue"]
    scores["total_kib"] = audits["total-byte-weight"]["numericValue"] / 1024
    failed = [f"{k}: {a['title']}" for k, a in audits.items()
              if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"
              and any(k == ref["id"] for cat in report["categories"].values() for ref in cat["auditRefs"] if ref.get("weight"))]
    scores["failed"] = failed
    return scores


# --- report ------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query", default="utskrivning")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per site; the run with the median performance score is shown")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args(argv)

    in_force = load_revisions(ROOT / "docs").in_force
    pages = {"start": "", f"version {in_force.id}": in_force.url()}
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-reader-") as tmp:
        tmp = Path(tmp)
        ours_port, plain_port = free_port(), free_port()
        build_site(tmp / "ours", f"http://127.0.0.1:{ours_port}/")
        build_plain_material(tmp / "plain", tmp / "plain-site", f"http://127.0.0.1:{plain_port}/")
        ours_srv, ours = serve(tmp / "ours", ours_port)
        plain_srv, plain = serve(tmp / "plain-site", plain_port)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                print(f"{'page':<14} {'site':<16} {'bytes':>10} {'requests':>9}  other hosts asked")
                for name, path in pages.items():
                    for label, base in (("this site", ours), ("plain Material", plain)):
                        size, count, foreign = first_load(browser, base + path)
                        print(f"{name:<14} {label:<16} {size:>10,} {count:>9}  {', '.join(foreign) or '-'}")
                t_ours = median_of(args.runs, lambda: time_to_results_ours(browser, ours, args.query))
                t_plain = median_of(args.runs, lambda: time_to_results_material(browser, plain, args.query))
                print(f"\nTime to search results for {args.query!r}, cold load, median of {args.runs}:")
                print(f"  this site (sok/?q=, Pagefind):        {t_ours * 1000:7.0f} ms")
                print(f"  plain Material (start page, lunr):   {t_plain * 1000:7.0f} ms")
                browser.close()
            if not args.no_lighthouse:
                runs = max(1, args.lighthouse_runs)
                print(f"\nLighthouse {LIGHTHOUSE_VERSION}, mobile, {in_force.url()}, median of {runs} "
                      "(CPU-bound scores vary with the load on this machine):")
                for label, base in (("this site", ours), ("plain Material", plain)):
                    results = sorted((lighthouse(base + in_force.url(), tmp / f"lh-{label.replace(' ', '-')}-{i}.json")
                                      for i in range(runs)), key=lambda r: r["performance"])
                    s = results[len(results) // 2]
                    spread = f"{results[0]['performance']:.2f}–{results[-1]['performance']:.2f}"
                    print(f"  {label:<15} performance {s['performance']:.2f} ({spread})  accessibility {s['accessibility']:.2f}  "
                          f"best practices {s['best-practices']:.2f}  SEO {s['seo']:.2f}  "
                          f"(FCP {s['fcp_s']:.1f} s, LCP {s['lcp_s']:.1f} s, TBT {s['tbt_ms']:.0f} ms, {s['total_kib']:.0f} KiB)")
                    for failure in s["failed"]:
                        print(f"      not passed: {failure}")
        finally:
            ours_srv.shutdown()
            plain_srv.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
