"""The SARIF report: valid against the official OASIS schema, one result per finding on its
span of the file, suppressions kept, unreadable files reported, `--diff` lines honoured."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from jsonschema import Draft4Validator
from jsonschema.validators import validator_for

import scorer
from scorer.load import load_string
from scorer.render import Run, sarif
from scorer.runs.outcome import Outcome
from scorer.scoring.audit import Audit, audit_document
from tests.conftest import INDEPENDENT, REWRITE, ROOT, UNLOCATABLE_PAGE

SCHEMA_PATH = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
# Sources as a user in the repository root types them: relative, so under %SRCROOT%.
INDEPENDENT_SOURCE = "examples/independent-habib-defection.txt"
REWRITE_SOURCE = "examples/habib-defection-rewrite.txt"


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    # The schema names its own draft; use that validator, and check the schema itself first.
    cls = validator_for(schema)
    assert cls is Draft4Validator
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def independent_audit() -> Audit:
    return scorer.audit_file(str(INDEPENDENT))


@pytest.fixture(scope="module")
def rewrite_audit() -> Audit:
    return scorer.audit_file(str(REWRITE))


def render(validator: Draft4Validator, outcomes: list[Outcome]) -> dict[str, Any]:
    text = sarif.render(Run(outcomes))
    assert text.endswith("}\n")
    log = json.loads(text)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    return log


def results_of(log: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    return [
        r
        for r in log["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri
    ]


def test_both_seeds_make_one_valid_run_with_one_result_per_finding(
    validator, independent_audit, rewrite_audit
):
    log = render(
        validator,
        [Outcome(INDEPENDENT_SOURCE, independent_audit), Outcome(REWRITE_SOURCE, rewrite_audit)],
    )
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "scorer"
    assert run["tool"]["driver"]["version"] == scorer.__version__
    assert (len(independent_audit.findings), len(rewrite_audit.findings)) == (18, 25)
    # Credit findings ("5 direct quotes") explain the score; they are not results.
    assert len(run["results"]) == 13 + 24
    assert len(results_of(log, INDEPENDENT_SOURCE)) == 13
    assert len(results_of(log, REWRITE_SOURCE)) == 24
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    assert run["artifacts"] == [
        {
            "location": {"uri": INDEPENDENT_SOURCE, "uriBaseId": "%SRCROOT%"},
            "roles": ["analysisTarget"],
        },
        {
            "location": {"uri": REWRITE_SOURCE, "uriBaseId": "%SRCROOT%"},
            "roles": ["analysisTarget"],
        },
    ]
    news = {
        "genre": "news",
        "unjudged": None,
        "failures": None,
        "notice": None,
        "gated": None,
        "change": None,
    }
    assert run["properties"]["scores"] == [
        {"source": INDEPENDENT_SOURCE, "score": 75.0, "label": "adequately sourced", **news},
        {"source": REWRITE_SOURCE, "score": 15.5, "label": "poorly sourced", **news},
    ]


def test_reportedly_in_the_independent_lede_is_a_warning_on_its_span_of_the_file(
    validator, independent_audit
):
    log = render(validator, [Outcome(INDEPENDENT_SOURCE, independent_audit)])
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "reportedly-without-source"]
    assert result["level"] == "warning"
    assert result["message"] == {
        "text": "'reportedly' with no outlet or source named in the sentence"
    }
    assert result["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": INDEPENDENT_SOURCE,
                    "uriBaseId": "%SRCROOT%",
                    "index": 0,
                },
                "region": {
                    "startLine": 7,
                    "startColumn": 129,
                    "endLine": 7,
                    "endColumn": 139,
                    "charOffset": 1208,
                    "charLength": 10,
                    "snippet": {"text": "reportedly"},
                },
            }
        }
    ]
    assert result["properties"] == {"category": "attribution", "points": -4.0}
    assert "suppressions" not in result
    # The region is a place in the file itself: line 7, columns 129 up to (not including) 139.
    line = INDEPENDENT.read_text(encoding="utf-8").splitlines()[6]
    assert line[128:138] == "reportedly"


def test_a_document_finding_is_an_empty_region_at_the_top_with_no_snippet(validator, rewrite_audit):
    log = render(validator, [Outcome(REWRITE_SOURCE, rewrite_audit)])
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "hedge-density"]
    assert result["level"] == "warning"
    assert result["message"]["text"] == (
        "12 hedges ('reportedly', 'may', 'ostensibly', 'It’s been suggested' and 5 more), "
        "27.09 per 1,000 words"
    )
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 1,
        "endLine": 1,
        "endColumn": 1,
        "charOffset": 0,
        "charLength": 0,
    }


def test_the_driver_lists_every_rule_once_and_each_result_points_at_its_rule(
    validator, independent_audit, rewrite_audit
):
    log = render(
        validator,
        [Outcome(INDEPENDENT_SOURCE, independent_audit), Outcome(REWRITE_SOURCE, rewrite_audit)],
    )
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert independent_audit.rules is not None
    assert [r["id"] for r in rules] == [r.id for r in independent_audit.rules.rules]
    assert len(rules) == 35
    for result in log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_rule_help_gives_the_why_the_message_the_points_the_cap_and_the_category(
    validator, independent_audit
):
    log = render(validator, [Outcome(INDEPENDENT_SOURCE, independent_audit)])
    (rule,) = [
        r
        for r in log["runs"][0]["tool"]["driver"]["rules"]
        if r["id"] == "reportedly-without-source"
    ]
    why = (
        "NPR: \"It is not enough to report... that some detail is 'reportedly' true\" "
        "(NPR Ethics Handbook). Say who reported it."
    )
    assert rule == {
        "id": "reportedly-without-source",
        "name": "ReportedlyWithoutSource",
        "shortDescription": {"text": '"Reportedly" with no outlet named'},
        "fullDescription": {"text": why},
        "help": {
            "text": why
            + "\n\nMessage: '{text}' with no outlet or source named in the sentence"
            + "\nPoints: -4 per finding, at most -12 a document"
            + "\nCategory: attribution (Attribution)"
        },
        "defaultConfiguration": {"level": "warning"},
        "properties": {
            "category": "attribution",
            "points": -4,
            "cap": -12,
            "tags": ["attribution"],
        },
    }


def test_an_unreadable_file_is_an_error_notification_and_the_run_did_not_succeed(
    validator, independent_audit
):
    log = render(
        validator,
        [
            Outcome(INDEPENDENT_SOURCE, independent_audit),
            Outcome("drafts/no such story.md", error="drafts/no such story.md: no such file"),
        ],
    )
    (run,) = log["runs"]
    assert run["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": "drafts/no such story.md: no such file"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": "drafts/no%20such%20story.md",
                                    "uriBaseId": "%SRCROOT%",
                                    "index": 1,
                                }
                            }
                        }
                    ],
                }
            ],
        }
    ]
    assert len(run["results"]) == 13
    assert results_of(log, "drafts/no%20such%20story.md") == []
    assert [s["source"] for s in run["properties"]["scores"]] == [INDEPENDENT_SOURCE]


def test_a_suppressed_finding_is_a_result_with_its_reason_not_dropped(validator, independent_audit):
    hedge = next(f for f in independent_audit.findings if f.rule == "reportedly-without-source")
    reason = "the agency is named in the caption"
    held = dataclasses.replace(
        independent_audit,
        findings=tuple(f for f in independent_audit.findings if f is not hedge),
        suppressed=(dataclasses.replace(hedge, suppressed=reason),),
    )
    log = render(validator, [Outcome(INDEPENDENT_SOURCE, held)])
    results = log["runs"][0]["results"]
    assert len(results) == 13
    suppressed = [r for r in results if "suppressions" in r]
    assert [(r["ruleId"], r["suppressions"]) for r in suppressed] == [
        ("reportedly-without-source", [{"kind": "inSource", "justification": reason}])
    ]
    assert suppressed[0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 129


def test_findings_off_the_changed_lines_are_left_out(validator, independent_audit):
    log = render(
        validator, [Outcome(INDEPENDENT_SOURCE, independent_audit, changed=frozenset({7}))]
    )
    assert [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startColumn"])
        for r in log["runs"][0]["results"]
    ] == [
        # A document rule's finding (hedge-density) is on the changed lines if any line changed.
        ("hedge-density", 1),
        ("unattributed-lede", 39),
        ("reportedly-without-source", 129),
    ]
    # A suppressed finding off the changed lines is left out too.
    hedge = next(f for f in independent_audit.findings if f.rule == "reportedly-without-source")
    held = dataclasses.replace(independent_audit, suppressed=(hedge,))
    log = render(validator, [Outcome(INDEPENDENT_SOURCE, held, changed=frozenset({10}))])
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == [
        "hedge-density",
        "speculation",
        "unverified-claim",
    ]


def test_fingerprints_follow_rule_and_text_not_the_line(validator, independent_audit):
    moved = scorer.audit("\n\n\n" + INDEPENDENT.read_text(encoding="utf-8"))
    seen = []
    for audit in (independent_audit, moved):
        log = render(validator, [Outcome(INDEPENDENT_SOURCE, audit)])
        (result,) = [
            r for r in log["runs"][0]["results"] if r["ruleId"] == "reportedly-without-source"
        ]
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        seen.append((line, result["partialFingerprints"]["scorerText/v1"]))
    (line, before), (moved_line, after) = seen
    assert (line, moved_line) == (7, 10)
    assert before == after
    assert before.endswith(":1")


def test_an_html_pages_results_have_the_region_of_the_page_they_were_found_in(validator):
    page = ROOT / "tests" / "fixtures" / "article_habib.html"
    audit = scorer.audit_file(str(page))
    log = render(validator, [Outcome("tests/fixtures/article_habib.html", audit)])
    results = log["runs"][0]["results"]
    problems = [f for f in audit.findings if not f.credit]
    assert len(results) == len(problems) == 10
    source = page.read_text(encoding="utf-8")
    lines = source.splitlines()
    for result, finding in zip(results, problems, strict=True):
        (location,) = result["locations"]
        region = location["physicalLocation"]["region"]
        # The region and the character offsets say the same span of the file.
        start, length = region["charOffset"], region["charLength"]
        assert lines[region["startLine"] - 1][region["startColumn"] - 1 :].startswith(
            source[start : start + 10]
        )
        assert region.get("snippet", {}).get("text", "") == source[start : start + length]
        # The location's message quotes the text as extracted.
        assert location.get("message", {}).get("text", "") == finding.text
    reportedly = next(r for r in results if r["ruleId"] == "reportedly-without-source")
    assert reportedly["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 65,
        "startColumn": 102,
        "endLine": 65,
        "endColumn": 112,
        "charOffset": 4238,
        "charLength": 10,
        "snippet": {"text": "reportedly"},
    }


def test_an_html_result_the_page_did_not_give_back_has_no_region(validator):
    page = UNLOCATABLE_PAGE
    audit = audit_document(load_string(page, format="html", source="budget.html"))
    log = render(validator, [Outcome("budget.html", audit)])
    results = log["runs"][0]["results"]
    (result,) = [r for r in results if r["ruleId"] == "reportedly-without-source"]
    where = {"uri": "budget.html", "uriBaseId": "%SRCROOT%", "index": 0}
    assert result["locations"] == [
        {"physicalLocation": {"artifactLocation": where}, "message": {"text": "reportedly"}}
    ]


@pytest.mark.parametrize(
    ("source", "location"),
    [
        ("-", {"uri": "stdin", "description": {"text": "standard input"}}),
        ("./drafts/a.md", {"uri": "drafts/a.md", "uriBaseId": "%SRCROOT%"}),
        ("drafts/Café #2.md", {"uri": "drafts/Caf%C3%A9%20%232.md", "uriBaseId": "%SRCROOT%"}),
        ("/srv/news/a b.txt", {"uri": "file:///srv/news/a%20b.txt"}),
        (
            "https://example.com/news/a story?id=7",
            {"uri": "https://example.com/news/a%20story?id=7"},
        ),
    ],
)
def test_artifact_locations_are_percent_encoded_uris(source, location):
    assert sarif.artifact_location(source) == location


def test_the_schema_rejects_a_broken_log(validator, independent_audit):
    log = json.loads(sarif.render(Run([Outcome(INDEPENDENT_SOURCE, independent_audit)])))
    assert validator.is_valid(log)
    without_version = {k: v for k, v in log.items() if k != "version"}
    assert not validator.is_valid(without_version)
    # A level SARIF does not know (scorer's own "info") is refused too.
    log["runs"][0]["results"][0]["level"] = "info"
    assert not validator.is_valid(log)
