"""Bytes to text: UTF-8 (with or without BOM) and UTF-16/32 with a BOM; binary is refused.

We never guess a legacy code page: a wrong guess silently corrupts quotes and names, which
is worse than asking the user to save the file as UTF-8. The one exception is a charset
the source declares itself (an HTTP header or an HTML <meta>).
"""

from __future__ import annotations

import codecs
import re

from scorer.errors import ScorerError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a zip archive (or .docx/.odt)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"),
)

# Codecs Python accepts by name that are not a page's character set: `undefined` always
# fails, and the escape codecs would turn a backslash in the text into another character.
_NOT_CHARSETS = frozenset({"undefined", "unicode-escape", "raw-unicode-escape"})

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I
)
# C0 controls other than tab, newline, form feed and carriage return: prose never has them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes, source: str, *, charset: str | None = None, html: bool = False) -> str:
    """Decode `data` or raise ScorerError saying why it is not text we can read."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, source)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ScorerError(
                f"binary file ({what}); scorer reads text, Markdown or HTML", path=source
            )
    head = data[:8192]
    if b"\x00" in head:
        encoding = _bomless_utf16(head)
        if encoding is None:
            raise ScorerError(
                "binary file (contains NUL bytes); scorer reads text, Markdown or HTML", path=source
            )
        return _strict(data, encoding, source)
    declared = charset or (_declared_charset(head) if html else None)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if declared and _known(declared) and codecs.lookup(declared).name != "utf-8":
            return _strict(data, declared, source)
        raise _undecodable(data, error, source) from None
    _refuse_control_heavy(text, source)
    return text


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeError as error:  # the base class: some codecs raise it undecorated
        raise _undecodable(data, error, source, encoding) from None
    _refuse_control_heavy(text, source)
    return text


def _bomless_utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM shows NULs in every other byte for Latin text."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _known(encoding: str) -> bool:
    """Whether a declared charset is one to decode the page with.

    Only text encodings: `base64`, `rot13`, `zlib` and the like are bytes-to-bytes codecs.
    Not UTF-16 or UTF-32 either: data with their BOM or NUL bytes never gets this far, so
    a page that declares them (ASCII markup saying "utf-16") is not in them.
    """
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError):  # ValueError: a name with a NUL in it
        return False
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return False
    return not info.name.startswith(("utf-16", "utf-32"))


def _undecodable(
    data: bytes, error: UnicodeError, source: str, encoding: str = "utf-8"
) -> ScorerError:
    if not isinstance(error, UnicodeDecodeError):  # no position to report
        return ScorerError(
            f"not valid {encoding.upper()} text: it cannot be decoded; save the file as UTF-8",
            path=source,
        )
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    byte = data[error.start]
    return ScorerError(
        f"not valid {encoding.upper()} text: byte 0x{byte:02x} at line {line}, column {column} "
        "cannot be decoded; save the file as UTF-8",
        path=source,
    )


def _refuse_control_heavy(text: str, source: str) -> None:
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise ScorerError(
            "binary file (control characters); scorer reads text, Markdown or HTML", path=source
        )
