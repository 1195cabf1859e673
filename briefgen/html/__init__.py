"""The HTML preview: a second writer of the block document, beside ``word/``."""
