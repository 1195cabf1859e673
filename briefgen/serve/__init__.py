"""Serve: the opt-in render server, its client and the protocol both share."""
