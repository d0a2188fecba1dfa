"""The pipeline run on one document: the Audit it makes, and `to_dict()`, the JSON shape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scorer import __version__
from scorer.document import Document
from scorer.signals import Signal


@dataclass(frozen=True)
class Audit:
    document: Document
    signals: tuple[Signal, ...]

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "version": __version__,
            "document": {
                "source": doc.source,
                "format": doc.format,
                "title": doc.title,
                "standfirst": doc.standfirst,
                "byline": doc.byline,
                "date": doc.date,
                "paragraphs": sum(
                    1 for p in doc.paragraphs if p.kind == "body" and not p.boilerplate
                ),
                "sentences": len(doc.copy_sentences),
                "words": doc.word_count,
            },
            "signals": [signal.to_dict() for signal in self.signals],
        }


def audit_document(doc: Document) -> Audit:
    from scorer.detectors import detect

    return Audit(doc, tuple(detect(doc)))
