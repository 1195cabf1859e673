"""Document: the block document every writer reads, its Markdown reader and writer, and Dutch dates."""
