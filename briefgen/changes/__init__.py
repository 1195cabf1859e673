"""Changes: the redline algorithm on blocks, a dossier's sections between two versions, the manifest and the source map."""
