"""Training of the shipped models: `python -m scorer.train attribution`.

Reads the labelled data in ../shared/data at training time; never imported at run time.
"""
