"""Offsets and LSP positions: the encodings, LSP's line breaks, edits applied as sent."""

from __future__ import annotations

import pytest
from lsprotocol import types as t

from scorer.lsp.documents import apply_changes, format_of, path_of
from scorer.lsp.positions import UTF8, UTF16, UTF32, Lines, choose_encoding, units

# An emoji (one code point, two UTF-16 units, four UTF-8 bytes), CRLF, a U+2028 that is
# not a line break in LSP, a lone CR that is.
TEXT = "x🙂 é y\r\nsecond\u2028 still\rthird\n"


@pytest.mark.parametrize(
    ("offered", "chosen"),
    [
        (None, UTF16),
        ([], UTF16),
        ([UTF16], UTF16),
        ([UTF16, UTF32], UTF32),
        ([UTF16, UTF8], UTF8),
        ([UTF8, UTF32], UTF8),
        ([UTF32, UTF8], UTF32),
        (["utf-7"], UTF16),
    ],
)
def test_utf16_unless_the_client_offers_utf8_or_utf32(offered, chosen):
    assert choose_encoding(offered) == chosen


def test_units_of_an_emoji_and_an_accent():
    assert [units("🙂é", e) for e in (UTF8, UTF16, UTF32)] == [6, 3, 2]


@pytest.mark.parametrize(("encoding", "column"), [(UTF16, 6), (UTF8, 9), (UTF32, 5)])
def test_a_position_after_an_emoji_counts_the_encodings_units(encoding, column):
    lines = Lines(TEXT, encoding)
    y = TEXT.index("y")
    assert lines.position(y) == (0, column)
    assert lines.offset(0, column) == y


def test_lines_break_where_lsp_says_and_nowhere_else():
    lines = Lines(TEXT)
    assert lines.starts == (0, 8, 22, 28)
    assert lines.position(TEXT.index("still")) == (1, 8)  # U+2028 is no line break
    assert lines.position(TEXT.index("third")) == (2, 0)  # a lone CR is
    assert lines.position(len(TEXT)) == (3, 0)
    assert lines.line_end(0) == 6  # before the CRLF
    assert lines.eol() == "\r\n"
    assert Lines("one line").eol() == "\n"
    assert Lines("a\rb").eol() == "\r"


def test_positions_off_the_text_are_clamped_as_lsp_says():
    lines = Lines(TEXT)
    assert lines.offset(0, 2) == 1  # inside the emoji's two units: the emoji
    assert lines.offset(0, 999) == 6  # past a line's end: its end
    assert lines.offset(99, 0) == len(TEXT)  # past the last line: the end
    assert lines.offset(-1, 5) == 0
    assert lines.offset(1, -3) == 8


def change(
    start: tuple[int, int], end: tuple[int, int], text: str
) -> t.TextDocumentContentChangePartial:
    where = t.Range(
        start=t.Position(line=start[0], character=start[1]),
        end=t.Position(line=end[0], character=end[1]),
    )
    return t.TextDocumentContentChangePartial(range=where, text=text)


@pytest.mark.parametrize(("encoding", "column"), [(UTF16, 6), (UTF8, 9), (UTF32, 5)])
def test_edits_land_where_the_client_meant_in_its_encoding(encoding, column):
    replace_y = change((0, column), (0, column + 1), "why")
    assert apply_changes(TEXT, [replace_y], encoding) == TEXT.replace(" y\r", " why\r")


def test_edits_apply_in_order_and_a_whole_text_replaces_all():
    changes = [
        change((2, 0), (2, 5), "3rd"),
        change((0, 0), (1, 0), ""),  # the first line, and its CRLF
        t.TextDocumentContentChangeWholeDocument(text="new\n"),
        change((1, 0), (1, 0), "end"),
    ]
    assert apply_changes(TEXT, changes[:2]) == "second\u2028 still\r3rd\n"
    assert apply_changes(TEXT, changes) == "new\nend"


def test_languages_and_paths():
    assert [format_of(x) for x in ("markdown", "plaintext", "text", "python")] == [
        "markdown",
        "text",
        "text",
        None,
    ]
    assert path_of("untitled:Untitled-1") is None
    assert path_of("file:///tmp/desk/a%20b.md") == "/tmp/desk/a b.md"
