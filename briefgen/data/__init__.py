"""Load: YAML files → located plain data → strict models; the project's files and their cross-references."""
