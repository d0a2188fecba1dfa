"""Loading: encodings, binary and empty input, format dispatch."""

from __future__ import annotations

import codecs
import io

import pytest

from scorer.errors import ScorerError
from scorer.load import load

ARTICLE = (
    "Minister resigns\nThe minister resigned on Tuesday, her office said. “I’m done,” she said.\n"
)


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
        ARTICLE.encode("utf-16-le"),  # no BOM: recognised by its NUL pattern
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom"],
)
def test_supported_encodings_give_the_same_document(tmp_path, data):
    doc = load(write(tmp_path, "a.txt", data))
    assert doc.text == ARTICLE
    assert doc.title == "Minister resigns"
    assert [doc.slice(q) for q in doc.quotes] == ["“I’m done,”"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "binary file (a PDF document); scorer reads text, Markdown or HTML",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary file (a PNG image); scorer reads text, Markdown or HTML",
        ),
        (
            b"PK\x03\x04\x14\x00\x00\x00",
            "binary file (a zip archive (or .docx/.odt)); scorer reads text, Markdown or HTML",
        ),
        (
            b"\x00\x01\x02\x03\xff\xfe\x00\x00\x10\x00",
            "binary file (contains NUL bytes); scorer reads text, Markdown or HTML",
        ),
        (
            b"Headline\nCaf\xe9 owners said prices rose.\n",
            "not valid UTF-8 text: byte 0xe9 at line 2, column 4 cannot be decoded; save the file as UTF-8",
        ),
        (b"", "the document is empty"),
        (b"  \n\t\r\n  ", "the document is empty"),
    ],
    ids=["pdf", "png", "zip", "nul-bytes", "latin1", "empty", "whitespace"],
)
def test_unreadable_input_is_one_clear_error_naming_the_file(tmp_path, data, message):
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(ScorerError) as caught:
        load(path)
    assert str(caught.value) == f"{path}: {message}"


def test_missing_file_and_directory_are_clear_errors(tmp_path):
    with pytest.raises(ScorerError, match=r"nope\.txt: no such file$"):
        load(str(tmp_path / "nope.txt"))
    with pytest.raises(ScorerError, match=r": is a directory, not an article file$"):
        load(str(tmp_path))


def test_html_declaring_a_legacy_charset_is_decoded_with_it(tmp_path):
    html = (
        "<html><head><meta charset='windows-1252'><title>Caf\xe9 prices rise</title></head><body><article>"
        + "".join(
            f"<p>Caf\xe9 owner number {n} said prices rose sharply this year, the survey found.</p>"
            for n in range(8)
        )
        + "</article></body></html>"
    ).encode("cp1252")
    doc = load(write(tmp_path, "page.html", html))
    assert "Café owner number 0 said prices rose" in doc.text


def test_stdin_is_read_when_the_source_is_a_dash():
    doc = load("-", stdin=io.BytesIO(ARTICLE.encode("utf-8")))
    assert doc.source == "<stdin>"
    assert doc.title == "Minister resigns"


def test_html_on_stdin_is_recognised_by_its_content():
    page = (
        "<!DOCTYPE html><html><body><article>"
        + "<p>The minister resigned on Tuesday, her office said in a statement.</p>" * 6
    )
    doc = load("-", stdin=io.BytesIO((page + "</article></body></html>").encode()))
    assert doc.format == "html"


def test_an_unknown_suffix_is_read_as_text(tmp_path):
    doc = load(write(tmp_path, "story.article", ARTICLE.encode()))
    assert doc.format == "text"
    assert doc.title == "Minister resigns"


def test_unknown_format_name_is_an_error(tmp_path):
    with pytest.raises(ScorerError, match="unknown format 'pdf'"):
        load(write(tmp_path, "a.txt", ARTICLE.encode()), format="pdf")


def test_a_fifo_or_device_is_refused_without_reading_it(tmp_path):
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        with pytest.raises(ScorerError, match="is not a regular file"):
            load(path)


def test_a_nul_in_the_path_is_a_clear_error():
    with pytest.raises(ScorerError, match="the path contains a NUL character"):
        load("a\x00b.txt")
