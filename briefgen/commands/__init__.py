"""Commands: one module per ``briefgen`` command, each joining the stages for its job."""
