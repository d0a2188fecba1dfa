"""What a rule can read: the fields of a signal's fact and the document's metrics.

The schema rule files are checked against when they load: a rule that reads a field not
listed here is refused, with its file, line and rule id. The facts themselves are built
from the signals by scorer.scoring.facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.load.genre_hints import GENRES
from scorer.signals import (
    ANONYMITY_TYPES,
    CLAIM_STATUSES,
    HEDGE_TYPES,
    KINDS,
    REPLY_TYPES,
    SOURCE_TYPES,
    WEASEL_TYPES,
)


@dataclass(frozen=True)
class Field:
    """One readable field: its type (`str`, `num`, `bool`), allowed values, and meaning."""

    type: str
    help: str
    values: tuple[str, ...] = ()


SIGNAL_FIELDS: dict[str, Field] = {
    "kind": Field("str", "the signal kind", KINDS),
    "text": Field("str", "the text of the signal's span"),
    "excerpt": Field("str", "the span's words (over 14: the first 12 and '…'), to quote"),
    "sentence": Field("num", "index of the sentence holding the signal"),
    "lede": Field("bool", "the signal is in the first sentence of copy"),
    "type": Field(
        "str",
        "hedge, weasel, reply or anonymity_reason type",
        HEDGE_TYPES + WEASEL_TYPES + REPLY_TYPES + ANONYMITY_TYPES,
    ),
    "by": Field("str", "what found the signal: a trained model or a lexicon", ("model", "lexicon")),
    "status": Field("str", "claim status", CLAIM_STATUSES),
    "cue": Field("str", "a hedge's or weasel's cue phrase"),
    "cue.text": Field("str", "an attribution's cue words"),
    "cue.verb": Field("str", "the cue's type: neutral, loaded, stance, borrowed, ..."),
    "source.text": Field("str", "the words naming the source"),
    "source.type": Field("str", "who the source is", SOURCE_TYPES),
    "source.described": Field("bool", "an anonymous source has a role or side given"),
    "source.named": Field("bool", "the source is a named person, organisation, outlet or document"),
    "source.reason": Field("bool", "a reason for anonymity is given in this or the next sentence"),
    "source.rote_reason": Field(
        "bool", "a rote reason ('not authorised to speak') is given nearby"
    ),
    "source.knowledge": Field("bool", "how the source knows is given nearby ('who attended')"),
    "entity": Field(
        "num", "the source's entity: one id per person, organisation or group, however cited"
    ),
    "quote": Field("bool", "an attribution of a direct quote"),
    "relayed": Field("bool", "a named speaker relays this source ('I was told by ...')"),
    "outlet_named": Field("bool", "a named source or outlet is credited in the same sentence"),
    "outlet.text": Field("str", "the outlet whose reporting is borrowed ('tell Reuters')"),
    "attributed": Field(
        "bool", "a weasel's words are also an attribution's ('some critics say'): rules on it"
    ),
    "hedge": Field(
        "bool", "an attribution's cue is also a hedge ('it is believed', 'rumours circulated')"
    ),
    "party.text": Field("str", "who a reply comes from, where the words say ('the company')"),
    "body.excerpt": Field("str", "a headline's matching body sentence, cut as `excerpt` is"),
    "hedge_words": Field("str", "the hedges of a headline's body sentence: 'reportedly'"),
}

DOC_METRICS: dict[str, Field] = {
    "words": Field("num", "words of copy"),
    "sentences": Field("num", "sentences of copy"),
    "attributions": Field("num", "attributions of every kind"),
    "named_sources": Field("num", "distinct named people, organisations, outlets and documents"),
    "named_people": Field("num", "distinct named people"),
    "source_kinds": Field("num", "how many kinds of named source (person, organisation, ...)"),
    "anonymous": Field("num", "attributions to anonymous sources"),
    "anonymous_bare": Field("num", "attributions to anonymous sources with no description"),
    "vague": Field("num", "attributions to vague crowds ('critics say')"),
    "agentless": Field("num", "attributions with no source at all ('it was reported')"),
    "borrowed": Field("num", "attributions to another news outlet"),
    "relayed": Field("num", "attributions resting on another outlet ('told Reuters', 'CNN said')"),
    "relayed_share": Field("num", "relayed attributions / all, 0..1"),
    "relayed_from": Field("str", "the outlets relayed, as quoted names: 'Reuters', 'the Mirror'"),
    "direct_quotes": Field("num", "attributions of direct quotes"),
    "unnamed_share": Field("num", "anonymous, vague and agentless attributions / all, 0..1"),
    "vague_share": Field("num", "vague attributions / all, 0..1"),
    "hedges": Field("num", "hedges"),
    "hedges_per_1000": Field("num", "hedges per 1,000 words of copy"),
    "weasels": Field("num", "weasel wording: support implied for nobody ('many experts believe')"),
    "reporting_hedges": Field("num", "'reportedly', 'allegedly', 'is said to' ..."),
    "speculation_hedges": Field("num", "'rumours circulated', 'it is believed' ..."),
    "unconfirmed_hedges": Field("num", "'could not be independently verified' ..."),
    "claims": Field("num", "check-worthy claims"),
    "claims_unattributed": Field("num", "claims nobody is on record for"),
    "unattributed_share": Field("num", "unattributed claims / claims, 0..1"),
    "replies": Field("num", "replies of every type"),
    "anonymity_reasons": Field("num", "reasons or knowledge given for anonymity"),
    "accusations": Field("num", "accusing words in copy ('accused', 'alleged', 'blamed')"),
    "unanswered": Field("num", "accusations with no reply from the party they accuse"),
    "headline_overstates": Field("bool", "the headline asserts what the body hedges"),
    "genre": Field("str", "the document's genre (scorer.detectors.genre)", GENRES),
    "subject_only": Field("bool", "every source is the story's own subject (Acme, on Acme)"),
    "named_names": Field("str", "the named sources, as quoted names: 'Mr Labwani', 'Reuters'"),
    "hedge_words": Field("str", "the hedges, as quoted words: 'reportedly', 'may'"),
    "accusing": Field(
        "str", "the accusations no reply answers, each with whom it accuses: 'accused' (Acme)"
    ),
    "replying": Field("str", "who the replies come from: 'the company', or nobody"),
}
