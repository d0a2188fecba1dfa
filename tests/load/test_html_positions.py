"""An HTML page's findings are placed on the page's own lines: each extracted block is found
in the page (scorer.load.html_locate), through entities, inline tags, comments, `<br>` and
wrapped lines; what cannot be found says so and keeps the extracted text's position."""

from __future__ import annotations

import pytest

from scorer.load import load_string
from scorer.load.document import Document, Span
from scorer.load.html_locate import locate
from scorer.load.types import Block
from scorer.scoring.audit import Audit, audit_document
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "article_habib.html"

PARAS = "".join(
    f"<p>Paragraph {n} of the report says the ministry confirmed the figures on Tuesday, "
    "according to two officials who were briefed on the talks.</p>\n"
    for n in range(1, 4)
)
# Line numbers as the page has them: the title on 4, the script on 5, the <h1> on 10, the
# three paragraphs on 11-13 and the hand-made ones from 14.
PAGE = (
    "<!DOCTYPE html>\n"
    "<html>\n"
    "<head>\n"
    "<title>Ministers &amp; officials split over the budget | The Daily Example</title>\n"
    '<script>var teaser = "The minister said the plan would be published next week";</script>\n'
    "</head>\n"
    "<body>\n"
    '<nav><a href="/">Home</a></nav>\n'
    "<article>\n"
    "<h1>Ministers &amp; officials split over the budget</h1>\n"
    + PARAS
    + "<p>The minister said the plan would be published next week, and critics&nbsp;called it"
    " a &ldquo;stunt&rdquo;.</p>\n"
    '<p>The mini<em>ster</em>&#8217;s aides said <a href="/a">the</a> <a href="/b">plan</a>'
    " was reportedly\n"
    "    drafted over\n"
    "    several weeks, according to people familiar with it.</p>\n"
    "<p>A line<br>broken by a tag, with a comment<!-- said the editor --> inside, critics"
    " say.</p>\n"
    "<p>An emoji \U0001f600 and café before the words, officials said.</p>\n"
    "</article>\n"
    "</body>\n"
    "</html>\n"
)

# (words of the extracted text, the line and column of their first character in PAGE)
PLACES = [
    ("Ministers & officials", (10, 5)),  # the <h1>, not the <title> above it
    ("Paragraph 2", (12, 4)),
    # The script on line 5 repeats these words; the paragraph is on line 14.
    ("The minister said the plan", (14, 4)),
    ("called it", (14, 78)),  # after &nbsp;
    ("“stunt”", (14, 90)),  # the curly quote is the entity &ldquo;
    ("stunt", (14, 97)),
    ("minister’s", (15, 8)),  # mini<em>ster</em>: a tag inside the word
    ("’s aides", (15, 25)),  # &#8217;
    ("plan was", (15, 79)),  # <a>the</a> <a>plan</a>: tags between words
    ("reportedly", (15, 92)),
    ("drafted over", (16, 5)),  # the paragraph wraps over three lines
    ("several weeks", (17, 5)),
    ("broken by a tag", (18, 14)),  # after <br>
    ("inside, critics say", (18, 70)),  # after a comment
    ("café", (19, 19)),  # after an emoji: columns count characters
    ("officials said.", (19, 42)),
]


@pytest.fixture(scope="module")
def page() -> Document:
    return load_string(PAGE, format="html")


def at(doc: Document, words: str) -> int:
    return doc.text.index(words)


@pytest.mark.parametrize(("words", "place"), PLACES)
def test_each_block_is_found_on_its_line_of_the_page(page, words, place):
    assert page.line_col(at(page, words)) == place


def test_every_block_of_the_page_is_located(page):
    assert page.source_map is not None
    assert page.source_map.unlocated == ()


@pytest.mark.parametrize(("words", "place"), PLACES)
def test_crlf_line_ends_number_the_lines_alike(words, place):
    doc = load_string(PAGE.replace("\n", "\r\n"), format="html")
    assert doc.line_col(at(doc, words)) == place


@pytest.mark.parametrize(
    ("words", "written"),
    [
        ("“stunt”", "&ldquo;stunt&rdquo;"),
        ("minister’s", "mini<em>ster</em>&#8217;s"),
        ("the plan was", 'the</a> <a href="/b">plan</a> was'),
        ("reportedly drafted", "reportedly\n    drafted"),
        ("a comment inside", "a comment<!-- said the editor --> inside"),
        ("A line\nbroken", "A line<br>broken"),
    ],
)
def test_a_span_in_the_file_holds_the_markup_between_its_words(page, words, written):
    start = at(page, words)
    span = page.file_span(start, start + len(words))
    assert span is not None
    assert page.file_text(span) == written


def test_text_positions_stay_for_the_reports(page):
    start = at(page, "reportedly")
    assert page.text_line_col(start) == (11, 40)
    assert page.line_col(start) == (15, 92)
    # Between two blocks there is nothing of the page: the text's own place.
    assert page.line_col(page.text.index("\n\n")) == (1, 44)


def test_a_headline_only_in_the_title_is_found_there():
    doc = load_string(
        "<html><head>\n<title>Budget talks collapse | Site</title>\n</head>\n<body><article>\n"
        + PARAS
        + "</article></body></html>\n",
        format="html",
    )
    assert doc.text.startswith("Budget talks collapse\n\n")
    assert doc.line_col(0) == (2, 8)


def test_a_standfirst_only_in_the_meta_description_is_found_in_its_attribute():
    doc = load_string(
        "<html><head><title>Budget talks</title>\n"
        '<meta name="description" content="Ministers walked out, officials say">\n'
        "</head><body><article>\n<h1>Budget talks</h1>\n" + PARAS + "</article></body></html>\n",
        format="html",
    )
    assert doc.standfirst == "Ministers walked out, officials say"
    assert doc.line_col(at(doc, "Ministers walked")) == (2, 35)
    assert doc.line_col(at(doc, "officials say")) == (2, 57)
    assert doc.line_col(at(doc, "Budget talks")) == (4, 5)


def test_a_standfirst_the_page_shows_is_found_after_the_headline():
    doc = load_string(FIXTURE.read_text(encoding="utf-8"), format="html")
    assert doc.line_col(0) == (45, 30)  # the <h1>
    assert doc.standfirst is not None
    assert doc.line_col(at(doc, doc.standfirst)) == (46, 32)  # the <h2>, not the <meta>


# Not to be found: a description whose markup was escaped twice (trafilatura strips the
# tags it unescapes), and a short paragraph missing a hidden word (display:none).
UNLOCATABLE = (
    "<html><head><title>Budget talks</title>\n"
    '<meta name="description" content="A &lt;b&gt;bold&lt;/b&gt; claim, officials say">\n'
    "</head><body><article>\n"
    + PARAS
    + '<p>It <span style="display:none">was</span> reportedly collapsed.</p>\n'
    "</article></body></html>\n"
)


@pytest.fixture(scope="module")
def unlocatable() -> Audit:
    return audit_document(load_string(UNLOCATABLE, format="html"))


def test_blocks_not_in_the_page_are_listed_and_keep_the_texts_positions(unlocatable):
    doc = unlocatable.document
    assert doc.text.endswith("\n\nIt reportedly collapsed.\n")
    assert doc.source_map is not None
    assert doc.source_map.unlocated == (
        ("standfirst", Span(14, 41)),
        ("body", Span(454, 478)),
    )
    assert doc.file_span(454, 478) is None
    assert doc.line_col(457) == (11, 4)  # the text's line 11, not the page's


def test_findings_say_whether_their_line_is_the_pages(unlocatable):
    found = [
        (f["rule"], f["line"], f["column"], f["located"], f["text"])
        for f in unlocatable.to_dict()["findings"]
    ]
    assert found[:2] == [
        ("anonymous-heavy", 1, 20, True, ""),
        ("anonymous-source-no-reason", 3, 15, False, "officials say"),
    ]
    assert found[-2:] == [
        ("anonymous-source-no-reason", 6, 82, True, "according to two officials who were briefed on the talks"),
        ("reportedly-without-source", 11, 4, False, "reportedly"),
    ]  # fmt: skip


def test_findings_of_text_and_markdown_have_no_located_key():
    for format in ("text", "markdown"):
        audit = audit_document(load_string("Critics say the plan will fail.", format=format))
        assert all("located" not in f for f in audit.to_dict()["findings"])
        assert {f.located for f in audit.findings} == {None}


def test_a_paragraph_with_a_hidden_span_is_aligned_piece_by_piece():
    doc = load_string(
        "<html><head><title>Budget talks</title></head><body><article>\n"
        + PARAS
        + '<p>The minister said on Monday that the plan <span style="display:none">secret'
        " words</span>would be published\n"
        "next week, and critics reportedly called it a stunt.</p>\n"
        "</article></body></html>\n",
        format="html",
    )
    assert "secret" not in doc.text
    assert doc.source_map is not None and doc.source_map.unlocated == ()
    assert doc.line_col(at(doc, "The minister")) == (5, 4)
    assert doc.line_col(at(doc, "would be published")) == (5, 92)
    assert doc.line_col(at(doc, "reportedly")) == (6, 24)


def test_the_real_page_places_each_finding_on_the_line_that_holds_its_words():
    audit = audit_document(load_string(FIXTURE.read_text(encoding="utf-8"), format="html"))
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    placed = {(f.rule, f.line, f.column, f.located) for f in audit.findings if f.text}
    assert ("reportedly-without-source", 65, 102, True) in placed
    assert ("anonymous-source-no-knowledge", 67, 162, True) in placed
    assert ("headline-overstates", 45, 30, True) in placed
    for finding in audit.findings:
        if finding.text:
            line = lines[finding.line - 1]
            assert line[finding.column - 1 :].startswith(finding.text[:20]), finding.rule
    reportedly = next(f for f in audit.findings if f.rule == "reportedly-without-source")
    assert lines[64][101:].startswith("reportedly defected from the government side")
    told = next(f for f in audit.findings if f.rule == "anonymous-source-no-knowledge")
    assert told.text == "told this by a Western diplomatic official"
    assert reportedly.to_dict()["located"] is True


def test_locate_takes_blocks_as_given():
    page = "<html><body>\n<p>One two three.</p>\n<p>Four five six.</p>\n</body></html>"
    text = "Four five six.\n\nSeven.\n"
    source_map = locate(page, text, [Block(0, 14), Block(16, 22)], [False, False])
    assert source_map.unlocated == (("body", Span(16, 22)),)
    assert source_map.file_span(0) == (page.index("Four"), page.index("Four") + 1)
    assert source_map.file_span(4) == (page.index(" five"), page.index(" five"))
    assert source_map.file_span(17) is None
