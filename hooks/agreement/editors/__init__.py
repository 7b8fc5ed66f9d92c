"""What editors run: the scaffold of a new draft, comments as people send them,
and their compilation. May import: model, text, sources, diff, page (the comment
links a compilation answers)."""
