"""Corpus mode: records in (JSONL, CSV, Parquet), one scored row each out, streaming."""
