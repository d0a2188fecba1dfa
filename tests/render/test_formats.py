"""Every format through the one renderer registry, given outcomes directly: a judged audit,
an audit that was not checked, and a source that could not be read."""

from __future__ import annotations

import dataclasses
import json

import pytest

import scorer
from scorer.config import Config
from scorer.render import FORMATS, Run, render
from scorer.runs.gate import Gate
from scorer.runs.outcome import Outcome
from tests.conftest import INDEPENDENT, REWRITE

PYTHON = Config(engine="python")


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    judged = Gate(fail_under=70).judge(
        Outcome("drafts/rewrite.txt", scorer.audit(REWRITE.read_text(), config=PYTHON))
    )
    unread = Outcome("drafts/gone.txt", error="drafts/gone.txt: no such file")
    return [judged, unread]


def test_each_format_is_a_module_of_its_name():
    assert FORMATS == (
        "concise", "rich", "plain", "json", "sarif", "github", "markdown", "html", "svg",
    )  # fmt: skip
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        render("pdf", Run([]))


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_says_the_verdict_and_the_unreadable_file(outcomes, format):
    text = render(format, Run(outcomes, width=100))
    if format in ("json", "sarif"):
        json.loads(text)
    # concise leaves an unreadable file to the command's stderr line; the others list it
    assert ("drafts/gone.txt" in text) == (format != "concise")
    said = {
        "concise": "drafts/rewrite.txt: 15.5 / 100 poorly sourced, 24 findings: FAIL "
        "(score 15.5 is under 70; 2 findings of severity error)",
        "json": '"failures": [\n        "score 15.5 is under 70",',
        "github": "::error file=drafts/rewrite.txt,title=scorer check failed::score 15.5 is under 70",
        "markdown": "| fail: score 15.5 is under 70; 2 findings of severity error |",
        "plain": "check failed: score 15.5 is under 70",
    }.get(format)
    if said is not None:
        assert said in text


def test_an_unchecked_outcome_has_no_verdict_in_any_format(outcomes):
    audited = dataclasses.replace(outcomes[0], failures=None)
    assert render("concise", Run([audited])).splitlines()[-1] == (
        "drafts/rewrite.txt: 15.5 / 100 poorly sourced, 24 findings"
    )
    assert "check" not in json.loads(render("json", Run([audited], several=False)))
    assert "check failed" not in render("plain", Run([audited], width=100))


def test_json_is_one_object_for_one_file_unless_several_could_have_come(outcomes):
    assert isinstance(json.loads(render("json", Run(outcomes[:1], several=False))), dict)
    assert isinstance(json.loads(render("json", Run(outcomes[:1], several=True))), list)


def test_the_same_outcomes_give_the_same_bytes(outcomes):
    for format in FORMATS:
        assert render(format, Run(outcomes, width=90)) == render(format, Run(outcomes, width=90))


def test_html_and_svg_carry_the_independent_report_with_the_theme_resolved():
    audit = scorer.audit(INDEPENDENT.read_text(), config=PYTHON)
    page = render("html", Run([Outcome("independent.txt", audit)]))
    assert '<meta name="generator" content="scorer">' in page
    assert "scorer.highlight" not in page  # styles are resolved, not their names
    assert "background-color: #808000" in page or "#808000" in page  # the hedges' yellow
