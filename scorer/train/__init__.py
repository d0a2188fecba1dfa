"""Training of the sentence models (`python -m scorer.train sentences`).

Needs the `train` extra (scikit-learn, numpy, scipy) and the labelled data in
../shared/data; nothing here is imported when scorer runs.
"""
