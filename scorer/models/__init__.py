"""Trained sentence models: linear weights in JSON, scored in pure Python.

`uncertainty.json` (hedge or weasel wording) and `claims.json` (check-worthy factual
claims) are made by `python -m scorer.train sentences` and read by `linear.load`. Their
features are built by `sentence_features`, the one module shared by training and run time.
"""
