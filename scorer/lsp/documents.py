"""The open documents: their text as the editor has it, and what was last audited of it.

The text is kept here, edits applied with our own line rule (scorer.lsp.positions), not
with pygls's copy: pygls splits lines with `str.splitlines`, which also breaks at U+2028,
form feeds and NEL, so an edit after one of those in pasted copy would land in the wrong
place and every later diagnostic with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scorer.lsp.positions import UTF16, Lines

if TYPE_CHECKING:
    from scorer.lsp.auditing import Audited

# languageId -> scorer's format. Neovim sends its filetype ("text"), VS Code "plaintext".
FORMATS = {"markdown": "markdown", "plaintext": "text", "text": "text"}


@dataclass
class Open:
    """One open document. `generation` counts the reasons to audit it again (edits, saves,
    config changes): an audit made for an older generation is stale and dropped."""

    uri: str
    text: str
    version: int | None
    format: str
    path: str | None  # the file it is, for its config; None for untitled: and the like
    generation: int = 0
    audited: Audited | None = None

    @property
    def source(self) -> str:
        """The name an error or a report gives the document."""
        return self.path or self.uri

    def current(self) -> Audited | None:
        """The last audit, if it was made of the text as it is now."""
        audited = self.audited
        return audited if audited is not None and audited.text == self.text else None


def format_of(language_id: str) -> str | None:
    """The format scorer reads a document as, or None: not a language it audits."""
    return FORMATS.get(language_id.lower())


def path_of(uri: str) -> str | None:
    """The file system path of a `file:` URI; None for any other scheme."""
    from pygls.uris import to_fs_path, urlparse

    if urlparse(uri)[0] != "file":
        return None
    return to_fs_path(uri)


def apply_changes(text: str, changes: Iterable[Any], encoding: str = UTF16) -> str:
    """The text after a didChange's changes, in order: each is the whole text, or a range
    (in the negotiated encoding) and what replaces it."""
    for change in changes:
        where = getattr(change, "range", None)
        if where is None:
            text = change.text
            continue
        lines = Lines(text, encoding)
        start = lines.offset(where.start.line, where.start.character)
        end = max(start, lines.offset(where.end.line, where.end.character))
        text = text[:start] + change.text + text[end:]
    return text
