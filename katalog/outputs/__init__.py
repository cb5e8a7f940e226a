"""Outputs beside the HTML pages, one module each."""
