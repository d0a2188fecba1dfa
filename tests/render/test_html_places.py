"""Where each format places an HTML page's findings.

What points into the file (concise `path:line:col`, GitHub annotations, SARIF, JSON, the
Markdown table) has the page's own line and column, found by scorer.load.html_locate. The
reports that print the extracted article (rich, plain, HTML, SVG, and the summary after
them) number the lines of that article, which is what their reader looks at.
"""

from __future__ import annotations

import json
import re

import pytest

from scorer.load import load, load_string
from scorer.render import Run, render
from scorer.runs.outcome import Outcome
from scorer.scoring.audit import audit_document
from tests.conftest import ROOT, UNLOCATABLE_PAGE

FIXTURE = ROOT / "tests" / "fixtures" / "article_habib.html"
SOURCE = "tests/fixtures/article_habib.html"


@pytest.fixture(scope="module")
def outcome() -> Outcome:
    return Outcome(SOURCE, audit_document(load(str(FIXTURE))))


def test_concise_lines_name_the_pages_lines(outcome):
    lines = render("concise", Run([outcome])).splitlines()
    assert lines[:4] == [
        f"{SOURCE}:45:30: warning hedge-density 5 hedges ('If confirmed', 'reportedly', 'If his "
        "defection is confirmed', 'Rumours circulated' and 1 more), 16.23 per 1,000 words",
        f"{SOURCE}:45:30: error headline-overstates the headline states as fact what the body "
        "hedges with 'reportedly': 'A former Syrian defence minister who was once a top aide of …'",
        f"{SOURCE}:65:12: warning unattributed-lede 'A former Syrian defence minister who was once "
        "a top aide of …': the first sentence asserts a checkable fact nobody is on record for",
        f"{SOURCE}:65:102: warning reportedly-without-source 'reportedly' with no outlet or source "
        "named in the sentence",
    ]


def test_github_annotations_span_the_pages_characters(outcome):
    text = render("github", Run([outcome]))
    assert (
        f"::warning file={SOURCE},line=65,col=102,endLine=65,endColumn=111,"
        "title=reportedly-without-source::'reportedly' with no outlet or source named in the "
        "sentence\n"
    ) in text
    assert (
        f"::notice file={SOURCE},line=67,col=162,endLine=67,endColumn=203,"
        "title=anonymous-source-no-knowledge::"
    ) in text


def test_json_findings_have_the_pages_lines_and_say_so(outcome):
    data = json.loads(render("json", Run([outcome], several=False)))
    found = [(f["rule"], f["line"], f["column"], f["located"]) for f in data["findings"]]
    assert ("reportedly-without-source", 65, 102, True) in found
    assert ("anonymous-source-no-reason", 67, 162, True) in found
    assert all(f["located"] for f in data["findings"])
    # Offsets stay those of the extracted text, which `text` and the signals are in.
    reportedly = next(f for f in data["findings"] if f["rule"] == "reportedly-without-source")
    assert (reportedly["start"], reportedly["end"]) == (277, 287)


def test_the_markdown_table_has_the_pages_lines(outcome):
    text = render("markdown", Run([outcome]))
    assert "| 65:102 | warning | `reportedly-without-source` |" in text
    assert "| error `headline-overstates` (line 45) |" in text


def test_the_report_numbers_the_lines_of_the_article_it_prints(outcome):
    text = render("plain", Run([outcome], width=100))
    # The findings table and the article below it agree: line 5 of the printed article.
    assert re.search(r"^\s+5:91\s+warning\s+reportedly-without-source", text, re.M)
    assert re.search(r"^ 5 W A former Syrian defence minister", text, re.M)
    assert not re.search(r"^\s+65:102\s", text, re.M)


def test_a_finding_the_page_did_not_give_back_is_annotated_on_the_file():
    page = UNLOCATABLE_PAGE
    audit = audit_document(load_string(page, format="html", source="budget.html"))
    text = render("github", Run([Outcome("budget.html", audit)]))
    assert (
        "::warning file=budget.html,title=reportedly-without-source::'reportedly' with no "
        "outlet or source named in the sentence\n"
    ) in text
    # Concise names the file and no place in it, as GitHub does (JSON says "located": false).
    assert "budget.html: warning reportedly-without-source 'reportedly' with no outlet" in render(
        "concise", Run([Outcome("budget.html", audit)])
    )
