"""The gate of `scorer check`: judged once, its verdict carried by the outcome."""

from __future__ import annotations

import dataclasses

import pytest

import scorer
from scorer.config import Config
from scorer.runs.gate import Gate
from scorer.runs.outcome import Outcome
from tests.conftest import REWRITE

PYTHON = Config(engine="python")


@pytest.fixture(scope="module")
def rewrite() -> Outcome:
    return Outcome("rewrite.txt", scorer.audit(REWRITE.read_text(), config=PYTHON))


def test_an_unjudged_outcome_has_no_verdict(rewrite):
    assert rewrite.failures is None


@pytest.mark.parametrize(
    ("gate", "failures"),
    [
        (Gate(), ("2 findings of severity error",)),
        (Gate(fail_on="none"), ()),
        (Gate(fail_under=15.5, fail_on="none"), ()),
        (Gate(fail_under=15.6, fail_on="none"), ("score 15.5 is under 15.6",)),
        (Gate(fail_on="warning"), ("12 findings of severity warning or worse",)),
        (Gate(70, "info"), ("score 15.5 is under 70", "24 findings of severity info or worse")),
    ],
)
def test_the_gate_gives_every_reason_a_file_fails(rewrite, gate, failures):
    assert gate.judge(rewrite).failures == failures


def test_findings_off_the_changed_lines_and_credit_never_fail_a_file(rewrite):
    unchanged = dataclasses.replace(rewrite, changed=frozenset())
    assert Gate(fail_on="info").judge(unchanged).failures == ()
    credits = [f for f in rewrite.audit.findings if f.credit]
    assert credits and all(f not in rewrite.reported for f in credits)


def test_an_outcome_that_could_not_be_audited_does_not_fail_the_check():
    missing = Outcome("gone.txt", error="gone.txt: no such file")
    assert Gate(99, "info").judge(missing).failures == ()


def test_a_genre_not_gated_passes_with_a_notice_saying_how_to_gate_it():
    column = Outcome("col.txt", scorer.audit(REWRITE.read_text(), config=Config(genre="opinion")))
    judged = Gate(70).judge(column)
    assert (judged.failures, judged.notice) == (
        (),
        "not gated, opinion is not among the genres gated (news, analysis, brief); "
        "--genres news,analysis,brief,opinion gates it",
    )
    # As opinion the rewrite scores 29, not 15.5: hedge density (-5) and, resting on it,
    # anonymous-and-hedged (-5), the unattributed lede (-2.5) and a peacock word (-1) are
    # news's expectations, not a column's.
    assert Gate(70, genres=("opinion",)).judge(column).failures == (
        "score 29.0 is under 70",
        "1 finding of severity error",  # the overstated headline; anonymous-and-hedged is off
    )
    # The file's config can ask for it too; the command line wins over it.
    asked = dataclasses.replace(column, genres=("news", "opinion"))
    assert Gate(70).judge(asked).notice is None
    assert Gate(70, genres=("news",)).judge(asked).failures == ()


def test_too_little_to_judge_passes_with_a_notice_unless_strict():
    short = Outcome("short.txt", scorer.audit("The minister resigned on Tuesday.", config=PYTHON))
    passed = Gate(70).judge(short)
    assert passed.failures == ()
    assert passed.notice == (
        "not gated, too little to judge: 5 words of copy, under the floor of 80; --strict fails it"
    )
    failed = Gate(70, strict=True).judge(short)
    assert (failed.failures, failed.notice) == (
        ("too little to judge: 5 words of copy, under the floor of 80",),
        None,
    )
    assert Gate(70).judge(dataclasses.replace(short, strict=True)).failures != ()
    assert Gate(70, strict=False).judge(dataclasses.replace(short, strict=True)).failures == ()


def test_a_brief_is_short_news_and_is_gated():
    brief = " ".join(["A source said the minister lied on Tuesday."] * 12)  # 96 words
    outcome = Outcome("brief.txt", scorer.audit(brief, config=PYTHON))
    assert outcome.audit is not None and outcome.audit.genre is not None
    assert (outcome.audit.genre.name, outcome.audit.unjudged) == ("brief", None)
    judged = Gate(70).judge(outcome)
    assert judged.notice is None
    assert judged.failures[0].startswith("score ")
