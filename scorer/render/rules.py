"""Rules as plain text: the table of rules in force, one rule in full, the fields rules read,
and a rule explained on its own example.

What `scorer rules list|show|fields` and `scorer explain` print. These only format what
they are given: the command line loads the rules and runs the audit of an example.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.render.points import points_text

if TYPE_CHECKING:
    from scorer.engine.fields import Field
    from scorer.engine.rulefile import Rule
    from scorer.engine.scoring_file import Scoring
    from scorer.scoring.audit import Audit

_WIDTH = 88
_LABEL = 10  # "category: " and the other labels of `show` and `explain`
_TYPES = {"str": "string", "num": "number", "bool": "bool"}


def display_path(path: str) -> str:
    """A rule file's path relative to the working directory when it lies below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return path


def where(rule: Rule) -> str:
    return rule.where(display_path(rule.path))


def points_and_cap(rule: Rule) -> str:
    """`-6 cap -18`: the points of each finding and the most the rule moves a document."""
    text = points_text(float(rule.points))
    return text if rule.cap is None else f"{text} cap {points_text(float(rule.cap))}"


def table(
    rules: Sequence[Rule],
    *,
    engine: str,
    config: str | None = None,
    disabled: Sequence[str] = (),
) -> str:
    """The rules in force, grouped under the file each comes from, in the order they run."""
    columns = ("id", "category", "severity", "points", "scope", "title")
    rows = [(r.id, r.category, r.severity, points_and_cap(r), r.scope, r.title) for r in rules]
    widths = [max(len(row[n]) for row in [columns, *rows]) for n in range(len(columns) - 1)]

    def line(cells: Sequence[str]) -> str:
        padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=False)]
        return "  " + "  ".join([*padded, cells[-1]])

    count = f"{len(rules)} rule{'' if len(rules) == 1 else 's'}"
    out = [f"{count} in force (engine: {engine})"]
    if config:
        out.append(f"config: {display_path(config)}")
    out += ["", line(columns)]
    current = None
    for rule, row in zip(rules, rows, strict=True):
        if rule.path != current:
            current = rule.path
            out.append(display_path(rule.path))
        out.append(line(row))
    if disabled:
        out += ["", f"disabled by the config: {', '.join(disabled)}"]
    return "\n".join(out) + "\n"


def _field(label: str, value: str, *, wrap: bool = False) -> list[str]:
    """`label:   value`, later lines indented under the value."""
    indent = " " * _LABEL
    head = f"{label}:".ljust(_LABEL) if label else indent
    if wrap:
        filled = textwrap.fill(
            " ".join(value.split()),
            _WIDTH,
            initial_indent=head,
            subsequent_indent=indent,
            break_on_hyphens=False,
        )
        return filled.splitlines()
    first, *rest = value.strip().splitlines() or [""]
    return [head + first, *(indent + item for item in rest)]


def _category(rule: Rule, scoring: Scoring) -> str:
    title = scoring.category_title(rule.category)
    return f"{rule.category} ({title})" if title else rule.category


def detail(rule: Rule, scoring: Scoring) -> str:
    """Everything a rule file says about one rule, as it is in force."""
    lines = [
        *_field("id", rule.id),
        *_field("title", rule.title),
        *_field("category", _category(rule, scoring)),
        *_field("severity", rule.severity),
        *_field("scope", rule.scope),
        *_field("when", rule.when_source),
        *_field("points", points_text(float(rule.points))),
        *_field("cap", "-" if rule.cap is None else points_text(float(rule.cap))),
        *_field("per", "source (once per entity)" if rule.per == "entity" else "finding"),
        *_field("derive", rule.derive or "-"),
        *_field("message", rule.message or "- (derives a fact; makes no finding)"),
    ]
    if rule.scope == "document":
        lines += _field("at", rule.at)
    lines += [
        *_field("why", rule.why, wrap=True),
        *_field("example", rule.example or "-", wrap=True),
        *_field("file", where(rule)),
    ]
    return "\n".join(lines) + "\n"


def fields(
    signal_fields: dict[str, Field], doc_metrics: dict[str, Field], derived: Sequence[Rule]
) -> str:
    """The schema a rule's `when` (and its message's placeholders) can read."""
    derived_rows = [(r.derive or "", "bool", f"derived by {r.id} ({where(r)})") for r in derived]
    names = [*signal_fields, *(f"doc.{n}" for n in doc_metrics), *(r[0] for r in derived_rows)]
    width = max(map(len, names)) + 2
    indent = " " * (2 + width + 8)

    def rows(schema: dict[str, Field], prefix: str = "") -> list[str]:
        out = []
        for name, spec in schema.items():
            out.append(f"  {prefix + name:<{width}}{_TYPES[spec.type]:<8}{spec.help}")
            if spec.values:
                out += textwrap.wrap(
                    "one of: " + ", ".join(spec.values),
                    _WIDTH,
                    initial_indent=indent,
                    subsequent_indent=indent + "  ",
                )
        return out

    lines = [
        'Signal rules (scope = "signal") read the fields of each signal:',
        *rows(signal_fields),
        "",
        "Signal and document rules read the document's metrics:",
        *rows(doc_metrics, "doc."),
    ]
    if derived_rows:
        lines += ["", "Signal and document rules read the facts rules derive (true or false):"]
        lines += [f"  {name:<{width}}{kind:<8}{text}" for name, kind, text in derived_rows]
    return "\n".join(lines) + "\n"


def explanation(rule: Rule, scoring: Scoring, audit: Audit | None) -> str:
    """What a rule checks, why, what it costs, and what it does to its own example.

    `audit` is the audit of the rule's example (None when the rule has none). A rule that
    does not fire on its example says so: a reader trusting the example would be misled.
    """
    scope = "on each signal" if rule.scope == "signal" else "once per document"
    costs = f"{points_text(float(rule.points))} per finding"
    if rule.cap is not None:
        costs += f", at most {points_text(float(rule.cap))} a document"
    costs += f"; severity {rule.severity}, category {_category(rule, scoring)}"
    lines = [
        f"{rule.id}: {rule.title}",
        *_field("checks", f"{rule.when_source.strip()}\n({scope})"),
        *_field("costs", costs, wrap=True),
    ]
    if rule.derive:
        lines += _field("derives", f"'{rule.derive}', a fact other rules can read")
    lines += _field("why", rule.why, wrap=True)
    if not rule.example or audit is None:
        lines += _field("example", "none given")
        return "\n".join(lines) + "\n"
    lines += _field("example", rule.example, wrap=True)
    mine = [f for f in audit.findings if f.rule == rule.id]
    if mine:
        for n, finding in enumerate(mine):
            lines += _field(
                "result" if n == 0 else "",
                f"fires ({points_text(finding.points)}): {finding.message}",
                wrap=True,
            )
    elif not rule.makes_findings:
        lines += _field("result", "makes no finding of its own; it only derives a fact")
    else:
        others = sorted({f.rule for f in audit.findings})
        found = f"found instead: {', '.join(others)}" if others else "no rule fires on it"
        lines += _field("result", f"does not fire on its own example ({found})", wrap=True)
    lines.append(" " * _LABEL + f"(audited with the {audit.engine} engine)")
    return "\n".join(lines) + "\n"
