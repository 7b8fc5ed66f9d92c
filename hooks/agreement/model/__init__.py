"""The revision model: frozen data every later stage reads (`Revision`,
`RevisionSet`, partial dates, source errors). May import: nothing else of the package."""
