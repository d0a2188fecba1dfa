"""The pipeline run on one document: the Audit it makes, and `to_dict()`, the JSON shape.

document -> signals (detectors) -> facts -> findings (rules engine) -> score.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from scorer import __version__
from scorer.config import DEFAULT, Config
from scorer.load.document import Document
from scorer.signals import KINDS, Signal

if TYPE_CHECKING:
    from scorer.detectors.genre import Genre
    from scorer.engine import RuleBook, RuleSet
    from scorer.scoring.points import Breakdown, Finding
    from scorer.scoring.readability import Readability
    from scorer.scoring.suppression import Notice


@dataclass(frozen=True)
class Audit:
    document: Document
    signals: tuple[Signal, ...]
    findings: tuple[Finding, ...] = ()
    score: float = 0.0
    label: str = ""
    subscores: Mapping[str, float] | None = None
    engine: str = ""
    # Findings that an inline `<!-- scorer: ignore RULE -- reason -->` set aside: listed
    # with their reason, never silently dropped, and worth no points.
    suppressed: tuple[Finding, ...] = ()
    # Directives that suppress nothing (no reason, unknown rule id...), where they are.
    notices: tuple[Notice, ...] = ()
    # The rules the audit ran and their scoring, for reports that explain them.
    rules: RuleBook | None = field(default=None, compare=False, repr=False)
    # How the findings' points make the score.
    breakdown: Breakdown | None = None
    # The sources as entities: one per person, organisation or group, however often cited.
    entities: tuple[Signal, ...] = ()
    # News, analysis, opinion, letters, press release or brief, and what said so.
    genre: Genre | None = None
    language: str = "en"  # what the copy reads as ("en", "fr", ...; "und": too little to tell)
    # Why the score is no verdict (too little to judge, not English), or None.
    unjudged: str | None = None

    @cached_property
    def readability(self) -> Readability:
        """Flesch scores of the copy, measured when first asked for: they explain the text
        but do not score it, and textstat with pyphen's dictionary costs more than the audit."""
        from scorer.scoring.readability import measure

        return measure(self.document)

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "version": __version__,
            "engine": self.engine,
            "score": self.score,
            "label": self.label,
            "subscores": dict(self.subscores or {}),
            "breakdown": self.breakdown.to_dict() if self.breakdown else None,
            "genre": self.genre.to_dict() if self.genre else None,
            "language": self.language,
            "unjudged": self.unjudged,
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
            "entities": [_entity(signal) for signal in self.entities],
            "findings": [finding.to_dict() for finding in self.findings],
            "suppressed": [finding.to_dict() for finding in self.suppressed],
            "notices": [notice.to_dict() for notice in self.notices],
            "readability": self.readability.to_dict(),
        }


def _entity(signal: Signal) -> dict[str, Any]:
    """An entity in JSON: its id, canonical name, type, description, and its attributions."""
    return {key: signal.fields[key] for key in ("id", "name", "type", "description", "mentions")}


def audit_document(
    doc: Document, config: Config = DEFAULT, ruleset: RuleSet | None = None
) -> Audit:
    """The audit of one document; `ruleset`, if given, is `rule_set(config)` built elsewhere
    (a batch's client builds it once, so workers need not have the config's rule files)."""
    from scorer.detectors import detect, genre
    from scorer.detectors.reading import Reading
    from scorer.engine import default_engine, evaluate
    from scorer.load.language import detect as language_of
    from scorer.scoring import facts, verdict
    from scorer.scoring.points import fold
    from scorer.scoring.suppression import resolve

    found = detect(Reading(doc, dict(config.lexicons), config.path or "<config>"))
    signals = tuple(
        sorted(
            (signal for kind in KINDS for signal in found.get(kind, ())),
            key=lambda s: (s.start, s.end, s.kind),
        )
    )
    kind = genre.decide(doc, doc.word_count, config.genre)
    built = facts.build(doc, signals, accusations=found["accusation"], genre=kind.name)
    ruleset = ruleset or rule_set(config)
    engine = config.engine or default_engine()
    suppression, notices = resolve(doc, ruleset.by_id)
    score = fold(doc, signals, built, ruleset, evaluate(ruleset, built, engine), suppression.reason)
    language = language_of(doc.text)
    counts = {k: built.document[f"doc__{k}"] for k in ("words", "claims", "attributions")}
    reason = verdict.unjudged(ruleset.scoring, language, counts)
    return Audit(
        document=doc,
        signals=signals,
        findings=score.findings,
        suppressed=score.suppressed,
        notices=notices,
        score=score.total,
        label=verdict.label(score.label, kind, reason),
        subscores=score.subscores,
        engine=engine,
        rules=ruleset.book,
        breakdown=score.breakdown,
        entities=tuple(found.get("entity", ())),
        genre=kind,
        language=language.code,
        unjudged=reason,
    )


def rule_set(config: Config = DEFAULT) -> RuleSet:
    """The shipped rule packs plus the config's rule files, with its disables and overrides."""
    return _rule_set(
        dataclasses.replace(config, engine=None, lexicons=(), genre=None, genres=None, strict=None)
    )


@cache
def _rule_set(config: Config) -> RuleSet:
    from scorer.config import apply
    from scorer.engine import RuleSet
    from scorer.engine.rulefile import load_rule_files, shipped_rule_files
    from scorer.engine.scoring_file import load_scoring

    scoring = load_scoring()
    rules = load_rule_files([*shipped_rule_files(), *config.rules], scoring)
    return RuleSet.of(apply(rules, config), scoring)
