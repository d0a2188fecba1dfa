"""Trained models that ship inside the package, each with its model card beside it."""
