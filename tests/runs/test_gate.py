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
        (Gate(fail_under=12, fail_on="none"), ()),
        (Gate(fail_under=12.5, fail_on="none"), ("score 12.0 is under 12.5",)),
        (Gate(fail_on="warning"), ("12 findings of severity warning or worse",)),
        (Gate(70, "info"), ("score 12.0 is under 70", "24 findings of severity info or worse")),
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
