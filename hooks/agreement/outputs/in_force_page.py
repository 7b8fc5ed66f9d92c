"""`gallande/`: a stable address for the revision in force, so that other sites
can link to "the agreement in force" and stay right after the next adoption.

It is a small page that leads on at once (meta refresh, and a plain link for
anyone whose browser does not follow it); its canonical URL is the revision's
own, so search engines index the revision, not this address."""
from __future__ import annotations

from markupsafe import escape

from agreement import urls
from agreement.model.revision import RevisionSet
from agreement.outputs.opendata import permanent_url


def in_force_page(revisions: RevisionSet, site_url: str | None, site_name: str) -> str:
    """The HTML of `gallande/index.html` (relative links: the site may live in a subfolder)."""
    up = "../" * urls.IN_FORCE.count("/")
    revision = revisions.in_force
    if revision is None:
        target, title = up + urls.REVISIONS, "Ingen version är antagen"
        canonical = permanent_url(site_url, urls.REVISIONS)
        words = "Ingen version av överenskommelsen är antagen än. Se alla versioner"
    else:
        target, title = up + revision.url(), f"Gällande: {revision.label}"
        canonical = permanent_url(site_url, revision.url())
        words = f"Den gällande överenskommelsen är {revision.label}"
    return (
        "<!doctype html>\n"
        '<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)} – {escape(site_name)}</title>\n"
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(target)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "</head>\n<body>\n"
        f'<p>{escape(words)}: <a href="{escape(target)}">{escape(target)}</a></p>\n'
        "</body>\n</html>\n"
    )
