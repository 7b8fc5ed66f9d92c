"""Files the site publishes beside its pages: the PDF, the search index, the Atom
feed, open data and its validation. May import: model, text, sources, diff, build."""
