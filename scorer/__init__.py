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
    "Document",
    "ScorerError",
    "__version__",
    "audit",
    "audit_file",
    "document_from_text",
    "load_document",
]

from scorer.errors import ScorerError

if TYPE_CHECKING:
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
    raise AttributeError(name)
