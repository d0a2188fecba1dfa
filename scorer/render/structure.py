"""The document's structure as plain text: what loading and segmentation found.

What `scorer audit` prints until the scored report exists; also a quick way to see why a
sentence or a box was (or was not) treated as copy. Its `line:col` points into the file
(`Document.line_col`): for an HTML page, where the box or quote was found in the page.
"""

from __future__ import annotations

from scorer.load.document import Document

_PREVIEW = 72


def render(doc: Document) -> str:
    copy_paragraphs = [p for p in doc.paragraphs if p.kind == "body" and not p.boilerplate]
    copy_sentences = doc.copy_sentences
    lines = [
        f"source:      {doc.source} ({doc.format})",
        f"title:       {doc.title or '-'}",
        f"standfirst:  {doc.standfirst or '-'}",
    ]
    if doc.byline:
        lines.append(f"byline:      {doc.byline}")
    if doc.date:
        lines.append(f"date:        {doc.date}")
    lines += [
        f"paragraphs:  {len(copy_paragraphs)} of copy ({len(doc.paragraphs)} in all)",
        f"sentences:   {len(copy_sentences)} of copy ({len(doc.sentences)} in all)",
        f"words:       {doc.word_count} of copy",
        f"boilerplate: {len(doc.boilerplate)} span(s) set aside",
    ]
    for item in doc.boilerplate:
        line, col = doc.line_col(item.start)
        lines.append(f"  {line}:{col}  [{item.pattern}] {_preview(doc.slice(item))}")
    boilerplate = {p.index for p in doc.paragraphs if p.boilerplate}
    copy_quotes = [q for q in doc.quotes if q.paragraph not in boilerplate]
    lines.append(f"quotes:      {len(copy_quotes)} in copy ({len(doc.quotes)} in all)")
    for quote in copy_quotes:
        line, col = doc.line_col(quote.start)
        open_note = "" if quote.closed else "  (no closing mark: stops at paragraph end)"
        lines.append(f"  {line}:{col}  {_preview(doc.slice(quote))}{open_note}")
    return "\n".join(lines) + "\n"


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _PREVIEW else flat[: _PREVIEW - 1] + "…"
