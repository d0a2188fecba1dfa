"""Boilerplate: declarative patterns mark site furniture without eating copy."""

from __future__ import annotations

import pytest

from scorer.errors import ScorerError
from scorer.load import furniture as boilerplate
from scorer.load import load_string
from scorer.load.segment import build_document
from scorer.load.text import load_text


def marked(text: str) -> list[tuple[str, str]]:
    doc = load_string(text)
    return [(b.pattern, doc.slice(b)) for b in doc.boilerplate]


def test_generic_furniture_is_marked():
    text = (
        "Minister resigns\n"
        "The minister resigned on Tuesday, her office said.\n"
        "Sign up for our morning newsletter\n"
        "Read more: Why ministers resign\n"
        "She had held the post for two years.\n"
        "Photo: Reuters\n"
        "Share this article\n"
        "Advertisement\n"
        "(Reporting by Jane Doe; Editing by John Roe)"
    )
    assert marked(text) == [
        ("newsletter-prompt", "Sign up for our morning newsletter"),
        ("related-links", "Read more: Why ministers resign"),
        ("image-credit", "Photo: Reuters"),
        ("share-prompt", "Share this article"),
        ("advertisement", "Advertisement"),
        ("wire-credits", "(Reporting by Jane Doe; Editing by John Roe)"),
    ]


def test_copy_that_mentions_donations_or_subscriptions_is_not_boilerplate():
    text = (
        "Charity income falls\n"
        "Donations to the charity fell by 20% last year, its accounts show.\n"
        "The paper said subscriptions rose after the election.\n"
        "Subscribers to the service were not told, according to the filing."
    )
    assert marked(text) == []


def test_a_quoted_appeal_is_somebody_speaking_not_furniture():
    assert (
        marked("Campaign ends\n“Your support means everything,” the candidate told donors.") == []
    )


def test_long_paragraphs_are_never_boilerplate():
    long = "Read more about this: " + "the committee heard evidence from witnesses " * 10
    assert marked("Headline\n" + long) == []


def test_a_users_pattern_file_extends_the_shipped_patterns(tmp_path):
    extra = tmp_path / "house.toml"
    extra.write_text(
        '[[pattern]]\nid = "house-promo"\nscope = "paragraph"\nmatch = "^listen to our podcast"\n',
        encoding="utf-8",
    )
    patterns = boilerplate.default_patterns() + boilerplate.load_patterns(extra)
    loaded = load_text("Headline\nThe body of the story.\nListen to our podcast on Fridays", "<t>")
    doc = build_document(loaded, patterns)
    assert [(b.pattern, doc.slice(b)) for b in doc.boilerplate] == [
        ("house-promo", "Listen to our podcast on Fridays"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[[pattern]]\nid = "x"\nscope = "page"\nmatch = "a"\n',
            "[x]: 'scope' must be one of paragraph, sentence, block, not 'page'",
        ),
        (
            '[[pattern]]\nid = "x"\nscope = "paragraph"\nmatch = "(unclosed"\n',
            "[x]: 'match' is not a valid regular expression: missing ), unterminated subpattern at position 0",
        ),
        (
            '[[pattern]]\nid = "x"\nscope = "block"\nstart = "a"\n',
            "[x]: scope 'block' needs a 'end' regular expression",
        ),
        (
            '[[pattern]]\nid = "x"\nscope = "paragraph"\nmatch = "a"\ncolour = "red"\n',
            "[x]: unknown key 'colour'",
        ),
        ('[[pattern]]\nscope = "paragraph"\nmatch = "a"\n', "[pattern #1]: missing 'id'"),
        (
            '[[pattern]]\nid = "x"\nscope = "paragraph"\nmatch = "a"\nmax_words = 0\n',
            "[x]: 'max_words' must be a positive whole number",
        ),
        (
            '[[pattern]\nid = "x"\n',
            ":1: invalid TOML: Expected ']]' at the end of an array declaration",
        ),
    ],
)
def test_malformed_pattern_files_name_the_file_and_pattern(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ScorerError) as caught:
        boilerplate.load_patterns(path)
    expected = f"{path}{message}" if message.startswith(":") else f"{path} {message}"
    assert str(caught.value) == expected


@pytest.mark.parametrize(
    "copy",
    [
        "He will become a member of the House of Lords next year, officials said.",
        "Residents were urged to make a donation to the flood appeal by the mayor.",
        "Your support means a lot, the coach told fans.",
        "Related charges were filed against two other men.",
        "Recommended doses of vitamin D vary by age.",
        "More from the interview will be broadcast on Sunday.",
        "Further reading suggests why.",
        "Copyright infringement claims against Google rose last year.",
        "Users who refuse to accept cookies will be shown fewer adverts, the regulator said.",
    ],
)
def test_copy_that_starts_like_furniture_is_kept(copy):
    assert marked(f"Headline\nFirst paragraph of copy.\n{copy}\nLast paragraph of copy.") == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[pattern]\nid = "x"\n',
            ": 'pattern' must be an array of tables: write each as [[pattern]]",
        ),
        ("pattern = 1\n", ": 'pattern' must be an array of tables: write each as [[pattern]]"),
        (
            '[[pattern]]\nid = "x"\nscope = "paragraph"\nmatch = "a"\nallow_quotes = "no"\n',
            " [x]: 'allow_quotes' must be true or false",
        ),
    ],
)
def test_malformed_pattern_shapes_are_clear_errors(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ScorerError) as caught:
        boilerplate.load_patterns(path)
    assert str(caught.value) == f"{path}{message}"


def test_a_pattern_file_that_is_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_bytes(b"\xff\xfe[[pattern]]")
    with pytest.raises(ScorerError, match="invalid TOML: the file is not UTF-8 text"):
        boilerplate.load_patterns(path)
