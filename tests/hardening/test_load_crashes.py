"""Crashes found by fuzzing the loaders: bad input is a ScorerError naming the file, never
any other exception (and never a Document that fails later, when it is printed)."""

from __future__ import annotations

import codecs
import subprocess
import sys
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.errors import ScorerError
from scorer.load import load, load_string
from scorer.load.decode import decode
from scorer.load.document import Document
from scorer.load.fetch import Fetched

CAFE = "Caf\xe9 owners said prices rose sharply this year, the survey of 40 shops found."


def html_declaring(charset: str) -> bytes:
    """A page in Latin-1 (0xe9 at line 2, column 7) whose <meta> names `charset`."""
    return (
        f'<html><head><meta charset="{charset}"><title>Prices rise</title></head>\n'
        f"<p>{CAFE}</p></html>"
    ).encode("latin-1")


NOT_UTF8 = (
    "not valid UTF-8 text: byte 0xe9 at line 2, column 7 cannot be decoded; save the file as UTF-8"
)
# Bytes-to-bytes codecs, Python's always-failing `undefined`, the escape codecs (which would
# rewrite backslashes) and UTF-16/32 declared by a page with neither BOM nor NUL bytes.
NOT_PAGE_CHARSETS = [
    "base64",
    "rot13",
    "hex",
    "zlib",
    "bz2",
    "uu",
    "quopri",
    "undefined",
    "unicode_escape",
    "raw_unicode_escape",
    "utf-16",
    "utf-16-le",
    "utf-32",
]


# --- a declared charset that is not a text codec --------------------------------------------


@pytest.mark.parametrize("charset", NOT_PAGE_CHARSETS)
def test_a_meta_charset_that_is_no_text_encoding_is_ignored(tmp_path, charset):
    path = tmp_path / "page.html"
    path.write_bytes(html_declaring(charset))
    with pytest.raises(ScorerError) as caught:
        load(str(path))
    assert str(caught.value) == f"{path}: {NOT_UTF8}"


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Fetched]]:
    """`load(url)` answers with the Fetched appended to the yielded list; no network."""
    import scorer.load.fetch

    responses: list[Fetched] = []
    monkeypatch.setattr(scorer.load.fetch, "fetch", lambda url: responses.pop())
    yield responses


@pytest.mark.parametrize("charset", NOT_PAGE_CHARSETS)
def test_an_http_charset_that_is_no_text_encoding_is_ignored(served, charset):
    url = "https://example.com/prices"
    served.append(Fetched(url, html_declaring("utf-8"), "text/html", charset))
    with pytest.raises(ScorerError) as caught:
        load(url)
    assert str(caught.value) == f"{url}: {NOT_UTF8}"


def test_a_legacy_http_charset_is_still_used(served):
    page = "<html><body><article>" + f"<p>{CAFE}</p>" * 5 + "</article></body></html>"
    served.append(Fetched("https://example.com/p", page.encode("latin-1"), "text/html", "latin-1"))
    assert CAFE in load("https://example.com/p").text


@pytest.fixture
def broken_codec() -> Iterator[str]:
    """A text codec whose decoder raises a bare UnicodeError, as `undefined` does."""

    def failing(data: bytes, errors: str = "strict") -> tuple[str, int]:
        raise UnicodeError("broken")

    def search(name: str) -> codecs.CodecInfo | None:
        if name != "scorer_test_broken":
            return None
        return codecs.CodecInfo(codecs.utf_8_encode, failing, name="scorer_test_broken")

    codecs.register(search)
    yield "scorer_test_broken"
    codecs.unregister(search)


def test_a_bare_unicode_error_from_a_codec_is_a_scorer_error(broken_codec):
    with pytest.raises(ScorerError) as caught:
        decode(CAFE.encode("latin-1"), "feed.html", charset=broken_codec)
    assert str(caught.value) == (
        "feed.html: not valid SCORER_TEST_BROKEN text: it cannot be decoded; save the file as UTF-8"
    )


# --- front-matter values that break str() or cannot be printed ------------------------------


def test_a_front_matter_number_too_long_to_print_is_an_error():
    src = "---\ntitle: 0x" + "f" * 4000 + "\n---\nBody."
    with pytest.raises(ScorerError) as caught:
        load_string(src, format="markdown", source="d.md")
    assert str(caught.value) == "d.md:1: front matter value of 'title' is too long a number"


@pytest.mark.parametrize(
    ("front", "key"),
    [
        ('title: "\\ud800 x"', "title"),
        ('authors:\n  - Jim Muir\n  - "\\udc80"', "authors"),
        ("description: '\\ud800 is kept as typed: single-quoted YAML has no escapes'", None),
        ('subtitle: "\\udfff"', "subtitle"),
    ],
    ids=["title", "authors", "single-quoted", "subtitle"],
)
def test_a_lone_surrogate_in_front_matter_is_an_error(front, key):
    src = f"---\n{front}\n---\nBody."
    if key is None:
        doc = load_string(src, format="markdown", source="d.md")
        doc.standfirst.encode("utf-8")
        return
    with pytest.raises(ScorerError) as caught:
        load_string(src, format="markdown", source="d.md")
    assert str(caught.value) == (
        f"d.md:1: front matter value of {key!r} is not valid Unicode text (a lone surrogate)"
    )


def test_odd_values_under_keys_the_loader_ignores_are_harmless():
    src = "---\nid: 0x" + "f" * 4000 + '\nnote: "\\ud800"\ntitle: Prices rise\n---\nBody.'
    assert load_string(src, format="markdown").title == "Prices rise"


def test_the_command_line_reports_each_crash_as_one_line(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(html_declaring("base64"))
    number = tmp_path / "number.md"
    number.write_text("---\ntitle: 0x" + "f" * 4000 + "\n---\nBody.\n")
    math = tmp_path / "math.html"
    math.write_text("<math><h2>Prices rise</h2><h>")
    result = subprocess.run(
        [sys.executable, "-m", "scorer", "structure", str(page), str(number), str(math)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"scorer: error: {page}: {NOT_UTF8}",
        f"scorer: error: {number}:1: front matter value of 'title' is too long a number",
    ]
    assert f"source:      {math} (html)" in result.stdout.splitlines()


# --- property: any HTML-ish or Markdown-ish text loads or is a ScorerError -------------------

_HTML_PIECES = st.sampled_from([
    "<math>", "</math>", "<svg>", '<svg style="display:none">', "</svg>", "<h1>", "</h1>",
    "<h2>", "</h2>", "<h>", "<p>", "</p>", "<br>", "<br/>", "<script>", "</script>",
    "<style>", "</style>", "<div>", "</div>", '<div class="donation">', "<article>",
    "</article>", "<title>", "</title>", '<meta name="description" content="A summary">',
    '<meta name="author" content="Jim Muir">', '<time datetime="2013-09-04">', "<table>",
    "<td>", "<li>", "<ul>", "<blockquote>", "<template>", "<noscript>", "<iframe>", "<select>",
    "<option>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml?>", "<html>",
    "<body>", "<", "<p", "</", ">", "&amp;", "&nbsp;", "&#0;", "&#xD800;", "&#x1F600;", "&bogus;",
    "\x00", "\x0b", "\n", " ",
])  # fmt: skip
_WORDS = st.sampled_from([
    "The", "minister", "said", "on", "Tuesday", "that", "prices", "rose", ".", ",", "“", "”",
    "Café", "2013-09-04", "according to", "officials",
])  # fmt: skip
# An element with a few words in it, so that extraction finds text often enough for the
# metadata step (where htmldate crashed) to be reached.
_ELEMENT = st.tuples(
    _HTML_PIECES, st.lists(_WORDS, min_size=1, max_size=15).map(" ".join), _HTML_PIECES
).map("".join)
_HTMLISH = st.tuples(
    st.sampled_from(["", "<math>", "<svg>", '<svg style="display:none">', "<html><body>"]),
    st.lists(st.one_of(_ELEMENT, _HTML_PIECES, _WORDS, st.text(max_size=4)), max_size=30).map(
        "".join
    ),
).map("".join)

_KEYS = st.sampled_from([
    "title", "author", "authors", "byline", "date", "description", "standfirst", "subtitle",
    "note", "- title", "  - name", "? title",
])  # fmt: skip
_VALUES = st.sampled_from([
    "Prices rise", "0x" + "f" * 4000, "0o" + "7" * 5000, "9" * 5000, '"\\ud800 x"',
    '"\\udfff"', "'\\ud800'", "2012-08-06", "2012-08-06 09:30:00 +01:00", "2012-13-45",
    "1e999", ".nan", "[a, b]", '["\\ud800", b]', "[", "{", "&a x", "*a", "!!binary AAAA",
    "!!python/object:os.system x", "yes", "~", "- a", "'quoted'", "|\n  block", "12345", "",
])  # fmt: skip
_FRONT_LINE = st.one_of(
    st.tuples(_KEYS, st.sampled_from([": ", ":", " : ", ":\n  - "]), _VALUES).map("".join),
    st.lists(_WORDS, max_size=6).map(" ".join),
    st.text(max_size=8),
)
_MARKDOWNISH = st.tuples(
    st.sampled_from(["---\n", "---\r\n", "\ufeff---\n", "--- \n"]),
    st.lists(_FRONT_LINE, max_size=8).map("\n".join),
    st.sampled_from(["\n---\n", "\n...\n", "\n", ""]),
    st.lists(st.one_of(_WORDS, st.sampled_from(["\n", "# ", "---\n", "*", "["])), max_size=20).map(
        " ".join
    ),
).map("".join)


def _loads_or_refuses(text: str, format: str) -> None:
    try:
        doc = load_string(text, format=format, source="fuzz")
    except ScorerError as error:
        assert error.path == "fuzz"
        return
    assert isinstance(doc, Document)
    # A Document must be printable: no lone surrogate smuggled in through the loader.
    for value in (doc.text, doc.title, doc.standfirst, doc.byline, doc.date):
        if value is not None:
            value.encode("utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_HTMLISH)
def test_any_html_loads_or_raises_scorer_error(text):
    _loads_or_refuses(text, "html")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKDOWNISH)
def test_any_markdown_with_front_matter_loads_or_raises_scorer_error(text):
    _loads_or_refuses(text, "markdown")
