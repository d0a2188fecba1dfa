"""Renderers: one module per output format; each takes what the pipeline produced and returns text."""
