"""The revision model: frozen data every later stage reads (`Revision`,
`RevisionSet`, partial dates, source errors). Imports nothing else of the package."""
