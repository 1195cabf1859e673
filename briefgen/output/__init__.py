"""Output: the output folder staged whole and switched in one step; multi-file edits through a journal."""
