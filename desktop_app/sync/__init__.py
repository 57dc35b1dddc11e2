"""Batch files: build, seal, open, apply; HTTP client and server."""
