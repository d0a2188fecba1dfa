"""The audits of a run as one SARIF 2.1.0 log: what GitHub code scanning and other SARIF
viewers read.

One run for all sources. The driver lists every rule of the rule sets used, with its `why`,
message, points and cap as help; each finding is a result on its span of the file; a finding an
inline directive set aside is a result with an in-source suppression and its reason, never
dropped; a source that could not be read is an error notification of the invocation, never a
missing row. With `--diff`, findings off the changed lines are left out: the log is for a pull
request. Each source's score and label ride in the run's properties.

A `.txt` or `.md` span is a place in the file (the Document's text is the decoded file), so a
result has a region: lines and columns in characters, the end column exclusive, the same span
as `charOffset` and `charLength`, and the text as its snippet. An HTML page's text is
extracted, but each block is found in the page (scorer.load.html_locate): a result whose span
the page gave back has the region of the page's characters it came from, markup inside it
included, and its snippet is those characters as the file has them (tags, entities); its
location's message quotes the extracted text. A result whose span the page did not give back
names the file and quotes the text, with no region.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from scorer import __version__
from scorer.load import kind_of
from scorer.load.document import normalise
from scorer.render import Run
from scorer.render.points import points_text
from scorer.runs.outcome import Outcome

if TYPE_CHECKING:
    from scorer.engine import RuleBook, RuleNote
    from scorer.load.document import Document
    from scorer.scoring.points import Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://example.invalid/scorer"  # the project's Homepage in pyproject.toml
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# A URL keeps its reserved characters and escapes; spaces and non-ASCII are percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
_FINGERPRINT = "scorerText/v1"

JSON = dict[str, Any]


def render(run: Run) -> str:
    outcomes = run.outcomes
    rules = _rules(outcomes)
    rule_index = {rule["id"]: n for n, rule in enumerate(rules)}
    artifacts: dict[str, int] = {}
    results: list[JSON] = []
    notifications: list[JSON] = []
    scores: list[JSON] = []
    for outcome in outcomes:
        where = {
            **artifact_location(outcome.source),
            "index": artifacts.setdefault(outcome.source, len(artifacts)),
        }
        audit = outcome.audit
        if audit is None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": outcome.error or "the source could not be audited"},
                    "locations": [{"physicalLocation": {"artifactLocation": where}}],
                }
            )
            continue
        scores.append(
            {
                "source": outcome.source,
                "score": audit.score,
                "label": audit.label,
                "genre": audit.genre.name if audit.genre else None,
                "unjudged": audit.unjudged,
                # `scorer check`: why it fails, why it was not gated, what it was held to
                "failures": list(outcome.failures) if outcome.failures is not None else None,
                "notice": outcome.notice,
                "gated": outcome.gated,
                # `--diff`: new, changed or unchanged since the base, and the score there
                "change": None
                if outcome.status is None
                else {
                    "status": outcome.status,
                    "base": outcome.base,
                    "base_score": outcome.base_score,
                },
            }
        )
        for notice in outcome.reported_notices:  # a directive that set nothing aside, and why
            region = {"startLine": notice.line, "startColumn": notice.column}
            notifications.append(
                {
                    "level": "warning",
                    "message": {"text": notice.message},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": where, "region": region}}
                    ],
                }
            )
        seen: Counter[str] = Counter()
        for finding in _reported(outcome):
            digest = _digest(finding)
            seen[digest] += 1
            fingerprint = f"{digest}:{seen[digest]}"
            index = rule_index[finding.rule]
            results.append(_result(finding, audit.document, where, index, fingerprint))
    run = {
        "tool": {
            "driver": {
                "name": "scorer",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "invocations": [
            {
                "executionSuccessful": all(n["level"] != "error" for n in notifications),
                "toolExecutionNotifications": notifications,
            }
        ],
        "artifacts": [
            {"location": artifact_location(source), "roles": ["analysisTarget"]}
            for source in artifacts
        ],
        # Offsets and columns count characters, and CR alone ends a line too (Document.line_col).
        "columnKind": "unicodeCodePoints",
        "newlineSequences": ["\r\n", "\n", "\r"],
        "results": results,
        "properties": {"scores": scores},
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def artifact_location(source: str) -> JSON:
    """A source as the user gave it: a relative path under %SRCROOT%, a file URI, or a URL."""
    kind = kind_of(source)
    if kind == "stdin":
        return {"uri": "stdin", "description": {"text": "standard input"}}
    if kind == "url":
        return {"uri": quote(source, safe=_URL_SAFE)}
    path = PurePath(source)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    # The name's bytes, so one that is not UTF-8 (b"\xff.txt") is %FF, as file URIs have it.
    return {"uri": quote(os.fsencode(path.as_posix()), safe="/"), "uriBaseId": "%SRCROOT%"}


def _reported(outcome: Outcome) -> list[Finding]:
    """Problems, suppressed or not, in text order; credit findings are not results."""
    findings = (*outcome.reported, *outcome.reported_suppressed)
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule))


def _result(
    finding: Finding, doc: Document, where: JSON, rule_index: int, fingerprint: str
) -> JSON:
    result: JSON = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(finding, doc, where)],
        # Rule and text, not line: an edit above a finding does not make it a new alert.
        "partialFingerprints": {_FINGERPRINT: fingerprint},
        "properties": {"category": finding.category, "points": finding.points},
    }
    if finding.suppressed is not None:
        suppression = {"kind": "inSource"}
        if finding.suppressed:
            suppression["justification"] = finding.suppressed
        result["suppressions"] = [suppression]
    return result


def _location(finding: Finding, doc: Document, where: JSON) -> JSON:
    extracted = doc.format == "html"
    quoted = {"message": {"text": finding.text}} if extracted and finding.text else {}
    span = doc.file_span(finding.start, finding.end) if finding.located is not False else None
    if span is None:
        return {"physicalLocation": {"artifactLocation": where}, **quoted}
    end_line, end_column = doc.file_line_col(span.end)
    region: JSON = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": span.start,
        "charLength": span.end - span.start,
    }
    snippet = doc.file_text(span) if extracted else finding.text
    if snippet:
        region["snippet"] = {"text": snippet}
    return {"physicalLocation": {"artifactLocation": where, "region": region}, **quoted}


def _digest(finding: Finding) -> str:
    """The rule and its text, white space and curly quotes evened out."""
    text = " ".join(normalise(finding.text).split()).lower()
    return hashlib.sha256(f"{finding.rule}\0{text}".encode()).hexdigest()[:32]


def _rules(outcomes: Sequence[Outcome]) -> list[JSON]:
    """Every rule of the rule sets used, first seen first; a finding's rule that no rule set
    names (an Audit made by hand) gets what the finding says of it."""
    descriptors: dict[str, JSON] = {}
    for outcome in outcomes:
        audit = outcome.audit
        if audit is None:
            continue
        if audit.rules is not None:
            for rule in audit.rules.rules:
                if rule.id not in descriptors:
                    descriptors[rule.id] = _descriptor(rule, audit.rules)
        for f in (*audit.findings, *audit.suppressed):
            descriptors.setdefault(
                f.rule,
                {
                    "id": f.rule,
                    "name": _pascal(f.rule),
                    "shortDescription": {"text": f.title},
                    "defaultConfiguration": {"level": _LEVELS[f.severity]},
                    "properties": {"category": f.category, "tags": [f.category]},
                },
            )
    return list(descriptors.values())


def _descriptor(rule: RuleNote, book: RuleBook) -> JSON:
    why = " ".join(rule.why.split())
    title = book.scoring.category_title(rule.category)
    category = f"{rule.category} ({title})" if title else rule.category
    costs = f"{points_text(float(rule.points))} per finding"
    if rule.cap is not None:
        costs += f", at most {points_text(float(rule.cap))} a document"
    message = rule.message or f"none: the rule only derives '{rule.derive}'"
    return {
        "id": rule.id,
        "name": _pascal(rule.id),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": why},
        "help": {
            "text": f"{why}\n\nMessage: {message}\nPoints: {costs}\nCategory: {category}",
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "category": rule.category,
            "points": rule.points,
            "cap": rule.cap,
            "tags": [rule.category],
        },
    }


def _pascal(rule_id: str) -> str:
    """`reportedly-without-source` -> `ReportedlyWithoutSource`."""
    return "".join(part.capitalize() for part in rule_id.split("-"))
