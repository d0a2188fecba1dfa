"""Genre: from the user, the front matter, the page's metadata or the text, with its evidence."""

from __future__ import annotations

import pytest

from scorer.config import Config, from_mapping
from scorer.detectors.genre import decide
from scorer.errors import ScorerError
from scorer.load import load_string
from scorer.load.genre_hints import from_page
from scorer.scoring.audit import audit_document
from tests.conftest import INDEPENDENT, ROOT

NEWS = INDEPENDENT.read_text(encoding="utf-8")


def _genre(text: str, fmt: str = "text", stated: str | None = None) -> tuple[str, str, str]:
    doc = load_string(text, format=fmt)
    found = decide(doc, doc.word_count, stated)
    return found.name, found.by, found.evidence


def test_a_news_story_is_news_because_nothing_says_otherwise():
    assert _genre(NEWS) == ("news", "default", "")


def test_short_copy_is_a_brief():
    assert _genre("Police closed the bridge on Monday after a crash, officials said.") == (
        "brief",
        "text",
        "11 words of copy",
    )


@pytest.mark.parametrize(
    ("top", "genre", "evidence"),
    [
        ("FOR IMMEDIATE RELEASE", "press_release", "FOR IMMEDIATE RELEASE"),
        ("Opinion: Why the bridge must close", "opinion", "Opinion:"),
        ("ANALYSIS", "analysis", "ANALYSIS"),
        ("To the Editor:", "letters", "To the Editor"),
    ],
)
def test_a_kicker_or_furniture_line_at_the_top_names_the_genre(top, genre, evidence):
    assert _genre(f"{top}\n\n{NEWS}") == (genre, "text", evidence)


def test_a_releases_furniture_at_the_foot_names_it():
    text = NEWS + "\n\nMedia contact: Jane Doe, press@acme.example\n\n###\n"
    assert _genre(text)[:2] == ("press_release", "text")


def test_the_words_inside_a_direct_quote_name_no_genre():
    text = "“To the Editor, I say nothing,” he said.\n\n" + NEWS
    assert _genre(text)[0] == "news"


def test_news_copy_that_only_looks_like_another_genre_stays_news():
    for text in (
        "Apple Inc (NASDAQ: AAPL) shares fell 4% on Tuesday after the launch. " + NEWS,
        "Jane Roe, who is a columnist for the Daily Post, was found dead. " + NEWS,
        "Share\nComment\n\n" + NEWS,
        NEWS + "\n\nLetters\nContact us\n",
        " ".join(["Funding under Title I of the act was cut on Tuesday, officials said."] * 18),
    ):
        assert _genre(text)[0] == "news", text[:60]


def test_a_columnists_bio_line_at_the_foot_is_opinion():
    assert _genre(NEWS + "\n\nJane Roe is a columnist for the Daily Post.")[:2] == (
        "opinion",
        "text",
    )


def test_a_writer_saying_i_at_a_columnists_rate_is_opinion_quoted_i_is_not():
    column = " ".join(
        ["I have covered this council for ten years, and I think the plan is wrong."] * 12
        + ["The council approved the plan by seven votes to two on Tuesday."] * 4
    )
    assert _genre(column) == (
        "opinion",
        "text",
        "the writer's first person, 24 times outside quotes",
    )
    quoted = " ".join(['"I think the plan is wrong," the mayor said on Tuesday.'] * 16)
    assert _genre(quoted)[0] == "news"


def test_front_matter_declares_the_genre_and_a_sites_own_genre_words_are_left_alone():
    declared = "---\ntitle: Why\ngenre: opinion\n---\n\n" + NEWS
    assert _genre(declared, "markdown") == ("opinion", "front matter", "genre: opinion")
    review = "---\ngenre: Review\n---\n\n" + NEWS
    assert _genre(review, "markdown") == ("opinion", "front matter", "genre: Review")
    # A site's own taxonomy ("feature", a list) says nothing the rules know: the text decides.
    for value in ("feature", "[news, jazz]", "7"):
        assert _genre(f"---\ngenre: {value}\n---\n\n" + NEWS, "markdown")[0] == "news"


def test_the_user_wins_over_everything():
    declared = "---\ngenre: opinion\n---\n\n" + NEWS
    assert _genre(declared, "markdown", stated="news") == ("news", "user", "genre = news")


@pytest.mark.parametrize(
    ("html", "sections", "url", "expected"),
    [
        (
            '<script type="application/ld+json">{"@type": "OpinionNewsArticle"}</script>',
            (),
            None,
            ("opinion", "page metadata", 'schema.org @type "OpinionNewsArticle"'),
        ),
        ("", ("Letters",), None, ("letters", "page metadata", 'section "Letters"')),
        (
            "",
            (),
            "https://www.theguardian.com/commentisfree/2020/jan/01/the-plan",
            ("opinion", "page metadata", "URL section /commentisfree/"),
        ),
        ("", ("World news",), "https://example.com/world/2020/the-plan", None),
        (  # the page's own article is the first typed one; related items say nothing
            '{"@type": "NewsArticle"} {"@type": "ItemList", "itemListElement": '
            '[{"@type": "OpinionNewsArticle"}]}',
            (),
            None,
            None,
        ),
        (
            '{"@type": ["NewsArticle", "AnalysisNewsArticle"]}',
            (),
            None,
            ("analysis", "page metadata", 'schema.org @type "AnalysisNewsArticle"'),
        ),
    ],
)
def test_a_pages_metadata_declares_its_genre(html, sections, url, expected):
    hints = from_page(html, sections, url)
    assert (hints[0] if hints else None) == expected


def test_an_html_page_section_makes_the_audit_opinion_and_the_label_says_so():
    page = (ROOT / "tests" / "fixtures" / "article_habib.html").read_text(encoding="utf-8")
    as_served = audit_document(load_string(page, format="html"), Config(engine="python"))
    assert as_served.genre is not None and as_served.genre.name == "news"  # "Middle East"
    section = 'content="Middle East"'
    assert page.count(section) == 1
    opinion = page.replace(section, 'content="Opinion"')
    audit = audit_document(load_string(opinion, format="html"), Config(engine="python"))
    assert audit.genre is not None
    assert audit.label == "opinion, not scored as news"
    assert audit.to_dict()["genre"] == {
        "name": "opinion",
        "by": "page metadata",
        "evidence": 'section "Opinion"',
    }


def test_a_config_genre_must_be_a_genre():
    with pytest.raises(ScorerError, match="genre: must be one of news, analysis"):
        from_mapping({"genre": "blog"})
    with pytest.raises(ScorerError, match="genres: unknown genre 'blog'"):
        from_mapping({"genres": ["news", "blog"]})
    with pytest.raises(ScorerError, match="strict: must be true or false"):
        from_mapping({"strict": "yes"})
