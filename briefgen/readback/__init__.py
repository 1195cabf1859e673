"""Read back: a returned .docx into the data — ``briefgen absorb`` and ``briefgen import``."""
