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
    from scorer.detectors import detect
    from scorer.detectors.reading import Reading
    from scorer.engine import default_engine, evaluate
    from scorer.scoring import facts
    from scorer.scoring.points import fold
    from scorer.scoring.suppression import resolve

    found = detect(Reading(doc, dict(config.lexicons), config.path or "<config>"))
    signals = tuple(
        sorted(
            (signal for kind in KINDS for signal in found.get(kind, ())),
            key=lambda s: (s.start, s.end, s.kind),
        )
    )
    built = facts.build(doc, signals, accusations=len(found["accusation"]))
    ruleset = ruleset or rule_set(config)
    engine = config.engine or default_engine()
    suppression, notices = resolve(doc, ruleset.by_id)
    score = fold(doc, signals, built, ruleset, evaluate(ruleset, built, engine), suppression.reason)
    return Audit(
        document=doc,
        signals=signals,
        findings=score.findings,
        suppressed=score.suppressed,
        notices=notices,
        score=score.total,
        label=score.label,
        subscores=score.subscores,
        engine=engine,
        rules=ruleset.book,
        breakdown=score.breakdown,
        entities=tuple(found.get("entity", ())),
    )


def rule_set(config: Config = DEFAULT) -> RuleSet:
    """The shipped rule packs plus the config's rule files, with its disables and overrides."""
    return _rule_set(dataclasses.replace(config, engine=None, lexicons=()))


@cache
def _rule_set(config: Config) -> RuleSet:
    from scorer.config import apply
    from scorer.engine import RuleSet
    from scorer.engine.rulefile import load_rule_files, load_scoring, shipped_rule_files

    scoring = load_scoring()
    rules = load_rule_files([*shipped_rule_files(), *config.rules], scoring)
    return RuleSet.of(apply(rules, config), scoring)
