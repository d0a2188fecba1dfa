"""Signals: what a detector found, in the vocabulary of design.md (a public contract).

Every signal has a kind, a span of `Document.text`, its text, the index of its sentence
and a stable id; the kind's own fields (`cue`, `source`, `type`, `status`...) sit beside
them in `to_dict()`, which is the shape of the JSON output.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

KINDS = (
    "attribution",
    "hedge",
    "weasel",
    "claim",
    "reply",
    "anonymity_reason",
    "headline",
    "boilerplate",
)
SOURCE_TYPES = (
    "named_person",
    "named_organization",
    "named_outlet",
    "document",
    "anonymous",
    "vague",
    "agentless",
    "self",
)
# What a source's type says of it: named and on record; not named at all (a described
# anonymous source, a vague crowd, nobody); or the outlet or writer itself, which is neither.
NAMED_SOURCES = frozenset(["named_person", "named_organization", "named_outlet", "document"])
UNNAMED_SOURCES = frozenset(["anonymous", "vague", "agentless"])
HEDGE_TYPES = ("reporting", "epistemic", "conditional", "unconfirmed", "speculation")
WEASEL_TYPES = ("quantifier", "passive_belief", "unnamed_authority", "peacock")
REPLY_TYPES = ("denial", "declined", "no_response", "response", "request")
ANONYMITY_TYPES = ("reason", "rote_reason", "knowledge")
CLAIM_STATUSES = ("attributed", "unattributed", "hedged", "unverified")


@dataclass(frozen=True)
class Signal:
    kind: str
    start: int
    end: int
    text: str
    sentence: int
    fields: Mapping[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Stable across runs: the kind and the span."""
        return f"{self.kind}-{self.start}-{self.end}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence": self.sentence,
            **self.fields,
        }
