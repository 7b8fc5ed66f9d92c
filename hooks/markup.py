"""MkDocs adapter that keeps the theme's markup valid HTML (the W3C checker,
tests/test_valid_markup.py), where a template override alone cannot:

- Material's base.html writes `autocomplete="off"` on its two checkbox toggles
  (drawer and search), outside any block a template can replace; the
  attribute is not allowed on a checkbox, so it is dropped from the page.
- partials/toc.html labels the toggle `__toc` only where the page is in the
  navigation, which is where Material writes that toggle (`toc_has_toggle`)."""
from __future__ import annotations

# Exactly as Material 9.8 writes them; tests/test_valid_markup.py fails if a
# theme update writes them otherwise and they stay.
THEME_TOGGLES = {
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">':
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">':
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
}


def without_invalid_theme_attributes(html: str) -> str:
    for theirs, ours in THEME_TOGGLES.items():
        html = html.replace(theirs, ours, 1)
    return html


def on_page_context(context, page, config, nav):
    context["toc_has_toggle"] = page in nav.pages
    return context


def on_post_page(output, page, config):
    return without_invalid_theme_attributes(output)


def on_post_template(output_content, template_name, config):
    # The 404 page is a theme template, not a page.
    return without_invalid_theme_attributes(output_content) if template_name == "404.html" else output_content
