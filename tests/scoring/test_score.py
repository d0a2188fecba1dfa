"""The score: findings with their points, caps, sub-scores, labels, and the JSON shape."""

from __future__ import annotations

import scorer
from scorer.config import Config

PYTHON = Config(engine="python")


def test_a_cap_limits_what_one_rule_can_take_and_later_findings_still_show():
    # Five different unnamed sources: the rule costs once per source (per = "entity"), so
    # one source cited five times would not reach the cap.
    sources = ("A source", "An official", "A person", "One insider", "An aide")
    text = " ".join(f"{source} said plan {n} will fail." for n, source in enumerate(sources))
    audit = scorer.audit(text, config=PYTHON)
    bare = [f for f in audit.findings if f.rule == "anonymous-source-undescribed"]
    assert [f.points for f in bare] == [-3.0, -3.0, 0.0, 0.0, 0.0]
    assert [f.text for f in bare] == [f"{source} said" for source in sources]
    assert bare[0].message == "'A source' is anonymous, with no agency, side or role given"
    assert (bare[1].line, bare[1].column) == (1, 33)


def test_a_story_nobody_is_named_in_scores_low_but_fifteen_words_are_too_few_to_judge():
    text = "A source said the minister lied.\n\nIt is believed he fled the country on Tuesday."
    audit = scorer.audit(text, config=PYTHON)
    assert [(f.rule, f.text, f.points) for f in audit.findings] == [
        ("anonymous-source-no-knowledge", "A source said", -1.0),
        ("anonymous-source-no-reason", "A source said", -1.5),
        ("anonymous-source-undescribed", "A source said", -3.0),
        ("no-named-source", "A source said the minister lied.", -20.0),
        ("speculation", "It is believed", -3.0),
        ("unverified-claim", "It is believed he fled the country on Tuesday.", -1.0),
    ]
    assert audit.score == 30.5  # 60 - 29.5
    assert audit.label == "too little to judge"
    assert audit.unjudged == "too little to judge: 15 words of copy, under the floor of 80"
    # Each bar is the same base of 60 plus its category's points; together they make 30.5.
    assert audit.subscores == {
        "anonymity": 34.5,
        "attribution": 60.0,
        "claims": 59.0,
        "hedging": 57.0,
        "headline": 60.0,
        "fairness": 60.0,
    }
    assert audit.breakdown is not None
    assert 60 + sum(audit.breakdown.categories.values()) == audit.score


def test_credit_lifts_a_story_with_named_sources_quotes_and_a_reply():
    text = (
        "“We will appeal,” said Jane Smith, the mayor.\n\n"
        "“The ruling is wrong,” said John Brown, a councillor.\n\n"
        "The court said in a statement that the ruling stands. "
        "The city declined to comment on the costs."
    )
    audit = scorer.audit(text, config=PYTHON)
    credit = {f.rule: f.points for f in audit.findings if f.points > 0}
    assert credit == {
        "named-sources-on-record": 16.0,
        "distinct-source-kinds": 8.0,
        "direct-quotes": 8.0,
        "reply-reported": 6.0,
    }
    assert audit.score == 98.0  # 60 + 38: no problems found
    assert audit.label == "too little to judge"  # 35 words: the credit is real, the verdict is not
    assert scorer.audit(text, config=Config(engine="python", genre="news")).score == 98.0


def test_to_dict_carries_score_label_subscores_findings_and_engine():
    data = scorer.audit("Critics say the plan will fail.", config=PYTHON).to_dict()
    assert list(data)[:5] == ["version", "engine", "score", "label", "subscores"]
    assert data["engine"] == "python"
    assert [f["rule"] for f in data["findings"]] == [
        "vague-attribution",
        "weasel-crowd",
        "no-named-source",
    ]
    assert data["findings"][2] == {
        "rule": "no-named-source",
        "title": "No named source",
        "category": "anonymity",
        "severity": "error",
        "message": "nobody in the story is named as a source: 1 attribution(s), none on record",
        "start": 0,
        "end": 31,
        "text": "Critics say the plan will fail.",
        "line": 1,
        "column": 1,
        "points": -20.0,
        "signal": None,
        "suppressed": None,
        "credit": False,
    }
    assert data["suppressed"] == []
    assert data["readability"] == {
        "flesch_reading_ease": 102.0,
        "flesch_kincaid_grade": 0.5,
        "sentences": 1,
        "words": 6,
        "syllables": 7,
    }
