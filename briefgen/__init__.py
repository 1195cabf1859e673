"""briefgen: geannoteerde agenda's for EU Council meetings, from YAML to Word."""

__version__ = "0.1.0"
