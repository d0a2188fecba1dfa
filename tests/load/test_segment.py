"""Sentence splitting, paragraphs and tokens on small hand-made cases."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise

import pytest

from scorer.load import load_string
from scorer.load.segment import MAX_SENTENCE, split_sentences
from tests.conftest import ROOT


def sentences(text: str) -> list[str]:
    doc = load_string(text)
    return [doc.slice(s) for s in doc.sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gen. Ali Habib met Lt. Col. Smith in Damascus. They spoke for an hour.",
            ["Gen. Ali Habib met Lt. Col. Smith in Damascus.", "They spoke for an hour."],
        ),
        (
            "Sen. Warren and Gov. Newsom spoke at 5 p.m. on Jan. 4. The U.S. and the U.N. agreed.",
            [
                "Sen. Warren and Gov. Newsom spoke at 5 p.m. on Jan. 4.",
                "The U.S. and the U.N. agreed.",
            ],
        ),
        (
            "Dr. Jones said the U.S. economy grew. Mr. Smith disagreed.",
            ["Dr. Jones said the U.S. economy grew.", "Mr. Smith disagreed."],
        ),
        (
            "It cost $1.5bn, officials said. That was in Nov. 2019.",
            ["It cost $1.5bn, officials said.", "That was in Nov. 2019."],
        ),
        (
            "He visited St. Louis. Then he went to Washington D.C. and stayed.",
            ["He visited St. Louis.", "Then he went to Washington D.C. and stayed."],
        ),
    ],
)
def test_news_abbreviations_do_not_end_sentences(text, expected):
    assert sentences(text) == expected


def test_an_abbreviation_before_a_common_sentence_starter_ends_the_sentence():
    assert sentences("The meeting ended at 10 a.m. Officials left soon after.") == [
        "The meeting ended at 10 a.m.",
        "Officials left soon after.",
    ]
    assert sentences("Talks were held in the U.S. The talks failed.") == [
        "Talks were held in the U.S.",
        "The talks failed.",
    ]


def test_glued_sentences_are_cut_apart():
    assert sentences(
        "Your support makes all the difference.A former Syrian defence minister defected."
    ) == [
        "Your support makes all the difference.",
        "A former Syrian defence minister defected.",
    ]


def test_glue_repair_leaves_abbreviations_and_decimals_alone():
    assert sentences("The U.S.A. team won 2.5 points. Officials at Example.com agreed.") == [
        "The U.S.A. team won 2.5 points.",
        "Officials at Example.com agreed.",
    ]


def test_a_lower_case_continuation_joins_the_quote_before_it():
    assert sentences("“Are you sure?” she asked. He nodded.") == [
        "“Are you sure?” she asked.",
        "He nodded.",
    ]


def test_a_line_break_ends_a_headline_with_no_full_stop():
    doc = load_string("Headline Without A Full Stop\nThe body starts here. It has two sentences.")
    assert doc.title == "Headline Without A Full Stop"
    assert [doc.slice(s) for s in doc.sentences] == [
        "Headline Without A Full Stop",
        "The body starts here.",
        "It has two sentences.",
    ]
    assert [p.kind for p in doc.paragraphs] == ["headline", "body"]


def test_hard_wrapped_prose_is_one_paragraph_and_its_line_breaks_are_not_boundaries():
    text = (
        "This is a hard-wrapped paragraph of prose that somebody typed into an\n"
        "editor set to seventy-two columns, so its lines break in the middle of\n"
        "sentences. It is still one paragraph.\n\nA second paragraph follows here."
    )
    doc = load_string(text)
    assert len(doc.paragraphs) == 2
    assert [doc.slice(s) for s in doc.sentences][1:] == [
        "It is still one paragraph.",
        "A second paragraph follows here.",
    ]
    assert doc.sentences[0].paragraph == 0 and doc.sentences[2].paragraph == 1


def test_one_sentence_lede_ending_in_a_full_stop_is_not_a_standfirst():
    doc = load_string(
        "Minister resigns\nThe minister resigned on Tuesday, officials said.\nMore followed."
    )
    assert doc.title == "Minister resigns"
    assert doc.standfirst is None


def test_title_given_by_the_caller_replaces_headline_detection():
    doc = load_string("Short first line\nThe body.", title="Given title")
    assert doc.title == "Given title"
    assert doc.title_span is None
    assert [p.kind for p in doc.paragraphs] == ["body", "body"]


def test_tokens_have_offsets_and_keep_abbreviations_numbers_and_possessives_whole():
    doc = load_string("Assad’s aide, Lt. Col. al-Labwani, said 1,300 U.S. troops left at 5 p.m.")
    words = [doc.slice(t) for t in doc.tokens]
    assert words == [
        "Assad’s",
        "aide",
        ",",
        "Lt",
        ".",
        "Col",
        ".",
        "al-Labwani",
        ",",
        "said",
        "1,300",
        "U.S.",
        "troops",
        "left",
        "at",
        "5",
        "p.m.",
    ]
    assert all(doc.text[t.start : t.end] == w for t, w in zip(doc.tokens, words, strict=True))


def test_norm_straightens_quotes_without_moving_offsets():
    doc = load_string("“We’re here,” he said.")
    assert doc.norm == '"We\'re here," he said.'
    assert len(doc.norm) == len(doc.text)


def test_crlf_and_cr_line_endings_give_the_same_sentences_and_right_line_numbers():
    lf = load_string("Headline here\nFirst sentence. Second sentence.\nThird line here.")
    crlf = load_string("Headline here\r\nFirst sentence. Second sentence.\r\nThird line here.")
    cr = load_string("Headline here\rFirst sentence. Second sentence.\rThird line here.")
    for doc in (lf, crlf, cr):
        assert [doc.slice(s) for s in doc.sentences] == [
            "Headline here",
            "First sentence.",
            "Second sentence.",
            "Third line here.",
        ]
        assert doc.line_col(doc.sentences[3].start) == (3, 1)
        assert doc.line_col(doc.sentences[2].start) == (2, 17)


def test_word_count_counts_copy_only(independent):
    assert independent.word_count == 391


def test_tokens_index_slice_and_iterate_alike():
    doc = load_string("Mr Labwani said it. He left.")
    tokens = doc.tokens
    assert len(tokens) == 8
    assert list(tokens) == [tokens[i] for i in range(8)]
    assert tokens[-1] == tokens[7] == (27, 28, 1)
    assert [doc.slice(t) for t in tokens[4:6]] == [".", "He"]
    assert tokens[5].sentence == 1
    with pytest.raises(IndexError):
        tokens[8]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Why now?” Smith asked. He left.", ["“Why now?” Smith asked.", "He left."]),
        (
            "It was J.K. Rowling who wrote it. Then she rested.",
            ["It was J.K. Rowling who wrote it.", "Then she rested."],
        ),
        (
            "He fell ill. Doctors said he would recover.",
            ["He fell ill.", "Doctors said he would recover."],
        ),
        (
            "He said no. Opposition leaders were furious.",
            ["He said no.", "Opposition leaders were furious."],
        ),
        ("He lives at No. 10 Downing Street.", ["He lives at No. 10 Downing Street."]),
    ],
)
def test_reviewed_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_one_word_sentences_segment_in_linear_time():
    # "Yes. " * n once made the clear-break scan quadratic; 40,000 sentences must all split.
    assert len(load_string("Yes. " * 40_000, title="").sentences) == 40_000


def test_a_long_run_without_clear_breaks_is_fed_to_punkt_in_windows():
    # nltk aborts a Punkt regex after 5 s of wall-clock time; windows keep each call short.
    doc = load_string("A. " * 30_000, title="")
    assert doc.sentences[0].start == 0 and doc.sentences[-1].end == len(doc.text.rstrip())


def test_a_single_crlf_is_a_line_break_not_a_paragraph_break():
    text = (
        "The minister said on Tuesday that the government would not be changing\r\n"
        "its policy on the matter, officials said."
    )
    doc = load_string(text)
    assert doc.title is None and [p.kind for p in doc.paragraphs] == ["body"]


def test_a_two_sentence_first_line_is_copy_not_a_headline():
    doc = load_string(
        "Canisters are being blasted into villages. An expert said: “It’s madness!”\n\nSecond para."
    )
    assert doc.title is None


def test_a_headline_over_a_longer_lede_is_not_hard_wrapped_prose():
    doc = load_string(
        "Syria crisis: General deserts Damascus regime, says opposition\n"
        "The Syrian defence minister has defected, according to reports."
    )
    assert doc.title == "Syria crisis: General deserts Damascus regime, says opposition"


@pytest.mark.parametrize(
    "text",
    [
        "He was appointed in 2009. He stepped down.",
        "It cost 1,000. The rest was paid.",
        "Room No. 10. The end came.",
        "It fell -5. Then it rose.",
        "top 10. 'The end' was near.",
        'in 1970. "As ever," he said.',
        "was 42. Mr. Smith left.",
    ],
)
def test_a_number_before_a_capital_breaks_as_punkt_breaks_it(text: str) -> None:
    """The number rule decides these without nltk; Punkt, asked, cuts in the same place."""
    from scorer.load.segment import _clear_breaks, _punkt, split_sentences

    cut = next(iter(_clear_breaks(text)))[1]
    punkt_cuts = [end for _, end in _punkt().span_tokenize(text)]
    assert cut in punkt_cuts
    assert split_sentences(text, 0, len(text))[0][1] == cut


def test_a_spaced_ellipsis_before_lower_case_stays_in_its_sentence() -> None:
    text = "They were very adamant . . . and stressed it. Next one."
    spans = split_sentences(text, 0, len(text))
    assert [text[a:b] for a, b in spans] == [
        "They were very adamant . . . and stressed it.",
        "Next one.",
    ]


def test_the_seeds_segment_without_importing_nltk() -> None:
    """Their stops are clear breaks, numbers, or stops before lower-case words: the 0.25 s
    nltk import is not paid (an article with "Mr." or "U.S. The" still pays it)."""
    code = (
        "import sys, scorer, pathlib\n"
        "for p in sorted(pathlib.Path('examples').glob('*.txt')):\n"
        "    scorer.audit(p.read_text(encoding='utf-8'))\n"
        "print('nltk' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_a_run_with_no_stop_is_cut_at_spaces_into_pieces_no_longer_than_the_cap():
    text = " ".join(f"word{n}" for n in range(2_000))  # 16,889 characters, no stop
    spans = split_sentences(text, 0, len(text))
    assert [b - a for a, b in spans] == [2994, 3000, 2994, 2997, 2997, 1907]
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in pairwise(spans))
    assert all(text[b - 1] == " " for _, b in spans[:-1])
    assert max(b - a for a, b in spans) <= MAX_SENTENCE
