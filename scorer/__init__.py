"""scorer: sourcing-quality scoring for news copy.

    import scorer
    doc = scorer.load_document("article.md")          # a Document: paragraphs, sentences, quotes...

Only cheap imports here: `scorer --version` must not pay for nltk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = [
    "Audit",
    "Comparison",
    "Document",
    "ScorerError",
    "__version__",
    "audit",
    "audit_file",
    "compare",
    "document_from_text",
    "load_document",
]

from scorer.errors import ScorerError

if TYPE_CHECKING:
    from scorer.drift import Comparison
    from scorer.load.document import Document
    from scorer.scoring.audit import Audit


def audit(text: str, title: str | None = None, config: object = None) -> Audit:
    """Audit article text: its signals, findings and score.

    `config` is a `scorer.config.Config`, the path of a config file (`.scorer.toml` or a
    `pyproject.toml` with `[tool.scorer]`), or a mapping of the same keys.
    """
    from scorer.config import coerce
    from scorer.load import load_string
    from scorer.scoring.audit import audit_document

    return audit_document(load_string(text, title=title), coerce(config))


def compare(
    original: str,
    rewrite: str,
    config: object = None,
    *,
    titles: tuple[str | None, str | None] = (None, None),
) -> Comparison:
    """How `rewrite` changed the sourcing of `original`'s claims: both texts as `audit`
    takes them, the change of each claim, and both scores."""
    from scorer.drift import compare_audits

    return compare_audits(audit(original, titles[0], config), audit(rewrite, titles[1], config))


def audit_file(source: str, config: object = None) -> Audit:
    """Audit a path, `-` or an http(s) URL; without `config`, the nearest config file applies."""
    from scorer.config import coerce, for_source
    from scorer.load import load
    from scorer.scoring.audit import audit_document

    chosen = for_source(source) if config is None else coerce(config)
    return audit_document(load(source), chosen)


def load_document(source: str, *, format: str | None = None) -> Document:
    """Load a path, `-` or an http(s) URL into a segmented Document."""
    from scorer.load import load as _load

    return _load(source, format=format)


def document_from_text(text: str, *, title: str | None = None) -> Document:
    """Segment text already in memory."""
    from scorer.load import load_string as _load_string

    return _load_string(text, title=title)


def __getattr__(name: str) -> object:
    if name == "Document":
        from scorer.load.document import Document

        return Document
    if name == "Audit":
        from scorer.scoring.audit import Audit

        return Audit
    if name == "Comparison":
        from scorer.drift import Comparison

        return Comparison
    raise AttributeError(name)
