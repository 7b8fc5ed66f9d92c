"""Links in running text: mentions of related agreements, law references, the
glossary's abbreviations, and the steps that apply them to a revision page.
May import: model, text, sources."""
