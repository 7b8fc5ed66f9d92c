"""The PDFs fetch nothing but the site's own files, and each renders in a
worker process with a time limit. Tested on the PDF function itself with
hostile HTML: the HTML allowlist rejects such a body earlier, and this is the
second wall."""
import io
import threading
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from agreement.build import processes
from agreement.outputs.pdf import PdfNotRendered, render_pdfs
from conftest import build_project, copy_project

HOSTILE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>T</title></head><body>
<p>Text <a rel="attachment" href="file:///etc/passwd">bilaga</a></p>
<p><img src="file:///etc/passwd" alt="a"> <img src="http://example.com/x.png" alt="b">
<img src="file://{site}/escape.png" alt="c"> <img src="file://{site}/bild.png" alt="d"></p>
</body></html>"""


def attachments(pdf: bytes) -> list[bytes]:
    """The files a PDF carries: link annotations with a file, and the document's own."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    files = [data for datas in reader.attachments.values() for data in datas]
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                files.append(annotation["/FS"]["/EF"]["/F"].get_object().get_data())
    return files


def image_count(pdf: bytes) -> int:
    return sum(len(page.images) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def site(tmp_path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    Image.new("RGB", (4, 4), "red").save(site / "bild.png")
    (site / "escape.png").symlink_to("/etc/passwd")  # inside the site by name, outside by target
    return site


def test_weasyprint_left_to_itself_would_publish_a_local_file(site):
    """The check below can see the harm: WeasyPrint's own fetcher embeds /etc/passwd."""
    import weasyprint
    pdf = weasyprint.HTML(string=HOSTILE.format(site=site)).write_pdf()
    assert Path("/etc/passwd").read_bytes() in attachments(pdf)


def test_the_pdf_fetches_only_the_sites_own_files(site):
    [result] = render_pdfs([HOSTILE.format(site=site)], site, time_limit=120)
    assert not isinstance(result, PdfNotRendered), result
    assert attachments(result.pdf) == []
    assert b"root:" not in result.pdf
    assert image_count(result.pdf) == 1, "only the site's own image"
    assert sorted(result.refused) == sorted(["file:///etc/passwd", "file:///etc/passwd",
                                             "http://example.com/x.png", f"file://{site}/escape.png"])


def test_a_document_that_takes_too_long_is_stopped_and_the_others_still_render(site):
    endless = "<p>" + "ord " * 1_000_000 + "</p>"  # a 4 MB paragraph
    quick = "<p>Kort text.</p>"
    results = render_pdfs([endless, quick], site, time_limit=5, workers=1)
    assert isinstance(results[0], PdfNotRendered)
    assert str(results[0]) == "PDF could not be rendered in 5 s"
    assert not isinstance(results[1], PdfNotRendered) and results[1].pdf.startswith(b"%PDF")


def test_a_build_whose_pdf_takes_too_long_stops_with_path_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("förra bygget", encoding="utf-8")
    result = build_project(project, env={"SITE_PDF_TIME_LIMIT": "0.001"})
    assert result.returncode == 1
    assert "docs/revisioner/4.0/index.md:1: PDF could not be rendered in 0.001 s" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "förra bygget"


# A lock of the kind any library keeps (unlike logging's, nothing re-creates it in a forked child).
LIBRARY_LOCK = threading.Lock()


def take_library_lock(_job) -> str:
    with LIBRARY_LOCK:
        return "taken"


def test_workers_start_clean_while_another_thread_holds_a_lock():
    """Under `mkdocs serve` other threads run; a worker forked from the build
    would inherit a lock such a thread holds at that moment, and wait for it
    forever (here: until its time limit). Workers start from a clean process."""
    held, release = threading.Event(), threading.Event()

    def hold_the_lock():
        with LIBRARY_LOCK:
            held.set()
            release.wait()

    thread = threading.Thread(target=hold_the_lock)
    thread.start()
    held.wait()
    try:
        [result] = processes.run_each(take_library_lock, [None], workers=1, time_limit=20)
    finally:
        release.set()
        thread.join()
    assert result == "taken", result


def test_a_file_of_the_site_not_written_yet_is_reported_and_shows_once_it_is(site):
    """PDFs start rendering before the site is written: a document that points
    to a file of the site not there yet says so (the build renders it again
    once the site is written), and then shows it."""
    document = f'<p><img src="file://{site}/senare.png" alt="bild"></p>'
    [early] = render_pdfs([document], site, time_limit=120)
    assert early.missing == (f"file://{site}/senare.png",) and early.refused == ()
    assert image_count(early.pdf) == 0
    Image.new("RGB", (4, 4), "blue").save(site / "senare.png")
    [late] = render_pdfs([document], site, time_limit=120)
    assert late.missing == () and image_count(late.pdf) == 1
