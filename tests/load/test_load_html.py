"""HTML loading: article text and metadata in, site furniture out, spans into the built text."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from scorer.errors import ScorerError
from scorer.load.html import load_html
from scorer.load.types import Loaded
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "article_habib.html"

TITLE = "Syria crisis: General deserts Damascus and flees to Turkey"
STANDFIRST = (
    "If confirmed, Ali Habib would be the highest ranking figure from the minority Alawite "
    "sect to defect since the uprising began"
)
BODY = [
    "A former Syrian defence minister who was once a top aide of President Bashar al-Assad "
    "has reportedly defected from the government side, fleeing across the border to Turkey "
    "in the dead of night.",
    "If his defection is confirmed, General Ali Habib would be the highest ranking figure "
    "from the minority Alawite sect, to which Assad belongs, to defect since the uprising "
    "began two and a half years ago.",
    "“Ali Habib has managed to escape from the grip of the regime and he is now in Turkey, "
    "but this does not mean that he has joined the opposition. I was told this by a Western "
    "diplomatic official,” Kamal al-Labwani, a senior member of the Syrian National "
    "Coalition said from Paris.",
    "Syrian state television denied that Gen Habib had left Syria and said he was still at "
    "his home. The general, who was Defence Minister from 2009 to August 2011, stepped down "
    "because of health reasons, according to the regime.",
    "Rumours circulated that he was dismissed for opposing the killing of peaceful "
    "protesters, after which he pledged allegiance to the regime on state television. Mr "
    "Labwani said Gen Habib was smuggled out of Syria with the help of a Western country.",
    "“He will be a top source of information. Habib has had a long military career. He has "
    "been effectively under house arrest since he defied Assad and opposed killing "
    "protesters,” Mr Labwani said.",
    "Syrian opposition members have been hoping that the threat of US military strikes "
    "would lead to mass defections. “We’re getting a lot of calls from officers who want "
    "to defect,” said Adib Shishakly, who represents the Syrian Coalition to the Gulf "
    "Cooperation Council countries.",
    "He says eight other generals, including an Alawite, are in the process of defecting. "
    "Their primary concern is for their families; in the past those left behind have been "
    "incarcerated or killed.",
]
NOT_ARTICLE = [
    # donation box
    "Your support helps us to tell the story",
    "we need reporters on the ground",
    "Your support makes all the difference.",
    "Donate now",
    # subscription prompt
    "Subscribe to Independent Premium to bookmark this article",
    "Start your Independent Premium subscription today",
    # comments
    "Join our commenting forum",
    "Another general jumping ship",
    "Nobody here can verify either claim",
    "Reader4512",
    # cookie banner, navigation, share bar, footer
    "We use cookies",
    "Accept all cookies",
    "Politics",
    "Share on Facebook",
    "All rights reserved",
]

PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the report says the ministry confirmed the figures on Tuesday, "
    f"according to two officials who were briefed on the talks.</p>"
    for n in range(1, 7)
)


@pytest.fixture(scope="module")
def article() -> Loaded:
    return load_html(FIXTURE.read_text(encoding="utf-8"), str(FIXTURE))


def texts(loaded: Loaded, kind: str) -> list[str]:
    assert loaded.blocks is not None
    return [loaded.text[b.start : b.end] for b in loaded.blocks if b.kind == kind]


def test_metadata(article: Loaded) -> None:
    assert article.format == "html"
    assert article.source == str(FIXTURE)
    assert article.title == TITLE
    assert article.byline == "Staff Reporter"
    assert article.date == "2013-09-04"
    assert article.standfirst == STANDFIRST


def test_text_is_headline_standfirst_then_body(article: Loaded) -> None:
    assert article.text == "\n\n".join([TITLE, STANDFIRST, *BODY]) + "\n"


def test_every_body_paragraph_in_order(article: Loaded) -> None:
    assert texts(article, "body") == BODY
    positions = [article.text.index(p) for p in BODY]
    assert positions == sorted(positions)


@pytest.mark.parametrize("furniture", NOT_ARTICLE)
def test_site_furniture_is_not_article_text(article: Loaded, furniture: str) -> None:
    assert furniture not in article.text


def test_spans_point_into_the_text(article: Loaded) -> None:
    assert article.blocks is not None
    assert [b.kind for b in article.blocks] == ["headline", "standfirst"] + ["body"] * len(BODY)
    for block in article.blocks:
        chunk = article.text[block.start : block.end]
        assert chunk and chunk == chunk.strip()
    assert article.title_span is not None and article.standfirst_span is not None
    assert article.text[article.title_span.start : article.title_span.end] == TITLE
    assert article.text[article.standfirst_span.start : article.standfirst_span.end] == STANDFIRST
    assert texts(article, "headline") == [article.title]
    assert texts(article, "standfirst") == [article.standfirst]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n",
        "<html><head><script>var tracking = {id: 42};</script></head>"
        "<body><script>document.write('<p>Loading…</p>')</script></body></html>",
        "<!DOCTYPE html><html><head><title>Loading</title></head><body></body></html>",
    ],
    ids=["empty", "blank", "scripts-only", "empty-body"],
)
def test_page_without_article_is_an_error(html: str) -> None:
    with pytest.raises(ScorerError) as caught:
        load_html(html, "https://example.com/app")
    assert caught.value.message == "no article text found in the HTML"
    assert caught.value.path == "https://example.com/app"


def test_description_copying_the_lede_is_not_a_standfirst() -> None:
    html = (
        "<html><head><title>Ministry confirms figures</title>"
        '<meta name="description" content="Paragraph 1 of the report says the ministry '
        'confirmed the figures...">'
        f"</head><body><article><h1>Ministry confirms figures</h1>{PARAGRAPHS}</article>"
        "</body></html>"
    )
    loaded = load_html(html, "page.html")
    assert loaded.standfirst is None and loaded.standfirst_span is None
    assert loaded.title == "Ministry confirms figures"
    # The <h1> inside the article is the headline, not a paragraph of its own.
    assert loaded.text.count("Ministry confirms figures") == 1
    assert texts(loaded, "body")[0].startswith("Paragraph 1 of the report")


def test_headline_loses_site_name_and_blocks_keep_structure() -> None:
    html = (
        "<html><head><title>Ministry confirms figures | Example News</title></head>"
        f"<body><article><h1>Ministry confirms figures</h1>{PARAGRAPHS}"
        "<h2>What happens next</h2>"
        "<p>The minister said the figures\n   would be revised<br>in the spring.</p>"
        "<p>He declined to comment.</p></article></body></html>"
    )
    loaded = load_html(html, "page.html")
    assert loaded.title == "Ministry confirms figures"
    assert texts(loaded, "heading") == ["What happens next"]
    body = texts(loaded, "body")
    # A <br> is a line break inside one block, not a new paragraph.
    assert "The minister said the figures would be revised\nin the spring." in body
    assert body[-1] == "He declined to comment."


def test_donation_class_on_a_wrapper_does_not_prune_the_article() -> None:
    html = (
        "<html><head><title>Ministry confirms figures</title></head><body>"
        f'<div class="page has-donation-banner"><article>{PARAGRAPHS}</article></div>'
        "</body></html>"
    )
    loaded = load_html(html, "page.html")
    assert len(texts(loaded, "body")) == 6


def test_importing_the_module_does_not_import_trafilatura() -> None:
    code = "import sys, scorer.load.html; print('trafilatura' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "False"


# --- trafilatura's internal failures --------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<math><h2>T</h2><h>", "T\n"),
        (
            '<svg style="display:none"><h2>T</h2><p>Ministry figures were revised.',
            "Ministry figures were revised.\n",
        ),
    ],
    ids=["math", "svg"],
)
def test_a_page_that_breaks_metadata_extraction_still_gives_its_text(html: str, text: str) -> None:
    # htmldate (via trafilatura.extract_metadata) hits an AssertionError in lxml's drop_tree.
    loaded = load_html(html, "page.html")
    assert (loaded.title, loaded.byline, loaded.date) == (None, None, None)
    assert loaded.text == text


def test_metadata_failure_leaves_the_metadata_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise AssertionError

    monkeypatch.setattr(trafilatura, "extract_metadata", broken)
    html = f"<html><head><title>Figures</title></head><body><article>{PARAGRAPHS}</article>"
    loaded = load_html(html, "page.html")
    assert (loaded.title, loaded.standfirst, loaded.byline, loaded.date) == (None,) * 4
    assert len(texts(loaded, "body")) == 6


@pytest.mark.parametrize(
    ("function", "error"),
    [("load_html", AssertionError), ("extract", ValueError), ("extract", AssertionError)],
)
def test_extraction_failure_is_one_clear_error(
    monkeypatch: pytest.MonkeyPatch, function: str, error: type[Exception]
) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise error("internal detail")

    monkeypatch.setattr(trafilatura, function, broken)
    with pytest.raises(ScorerError) as caught:
        load_html(f"<html><body><article>{PARAGRAPHS}</article></body></html>", "page.html")
    assert str(caught.value) == (
        f"page.html: could not extract the article from the HTML: {error.__name__}"
    )
