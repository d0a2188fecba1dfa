"""Training of the shipped models: `python -m scorer.train attribution|sentences`.

Reads the labelled data in ../shared/data at training time (training splits only; model
choice on dev or out of fold); never imported when scorer runs. `make models` runs both.
"""
