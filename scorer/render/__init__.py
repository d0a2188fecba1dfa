"""Renderers: one module per output format, each turning what the pipeline made into text."""
