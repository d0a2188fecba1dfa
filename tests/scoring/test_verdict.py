"""When the score is no verdict: too little copy, not English; and the label that says so."""

from __future__ import annotations

import pytest

import scorer
from scorer.config import Config
from scorer.load.language import detect
from tests.conftest import INDEPENDENT

PYTHON = Config(engine="python")
FRENCH = (
    "Selon des sources proches du dossier, le ministre aurait quitté le pays la semaine "
    "dernière. Des responsables qui ont requis l'anonymat affirment que la décision a été "
    "prise par le gouvernement, et que le président ne sera pas informé avant lundi. "
) * 4


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (INDEPENDENT.read_text(encoding="utf-8"), "en"),
        (FRENCH, "fr"),
        (
            "Nach Angaben der Regierung ist der Minister nicht mehr im Amt. Die Entscheidung "
            "wurde am Montag von dem Kabinett getroffen, und es gibt auch Kritik aus der Partei.",
            "de",
        ),
        (
            "Según fuentes cercanas al caso, el ministro habría dejado el país. Los "
            "funcionarios que pidieron el anonimato dijeron que la decisión fue tomada por el "
            "gobierno.",
            "es",
        ),
        ("Short text.", "und"),
    ],
)
def test_the_language_is_told_from_its_function_words(text, code):
    assert detect(text).code == code


def test_a_french_article_is_not_english_and_says_so_instead_of_passing_as_clean():
    audit = scorer.audit(FRENCH, config=PYTHON)
    assert audit.label == "not English"
    assert audit.language == "fr"
    assert audit.unjudged == "not English: the copy reads as French; the detectors read English"
    data = audit.to_dict()
    assert (data["label"], data["language"], data["unjudged"]) == (
        "not English",
        "fr",
        "not English: the copy reads as French; the detectors read English",
    )


def test_eight_words_are_too_little_to_judge_and_a_long_story_is_judged():
    short = scorer.audit("The minister resigned on Tuesday, officials said.", config=PYTHON)
    assert short.label == "too little to judge"
    assert short.unjudged == "too little to judge: 7 words of copy, under the floor of 80"
    story = scorer.audit(INDEPENDENT.read_text(encoding="utf-8"), config=PYTHON)
    assert (story.label, story.unjudged, story.language) == ("adequately sourced", None, "en")


def test_copy_with_no_claim_and_no_attribution_is_too_little_to_judge():
    scenery = "The hills were green and quiet under a pale sky. " * 12
    audit = scorer.audit(scenery, config=PYTHON)
    assert audit.unjudged == (
        "too little to judge: no checkable claim and no attribution in 120 words of copy"
    )
