"""Trained models that ship inside the package, each with its model card beside it.

`attribution.crfsuite` (the attribution tagger: cue, source and content spans) is read by
`attribution.tag`; `uncertainty.json` (hedge or weasel wording) and `claims.json`
(check-worthy claims) by `linear.load`. Every model is read on first use, once per
process, from a format that holds weights and words, never code. `make models` makes them.
"""
