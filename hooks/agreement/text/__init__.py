"""Text: Markdown rendered with the site's settings, the structure of a rendered
revision (sections, paragraph anchors), phrase matching in running text, LIX.
May import: model."""
