"""One corpus record scored into one flat output row: the contract of `scorer batch`.

A record is a mapping read from a JSONL, CSV or Parquet row; `Fields` names which of its
keys hold the text, the id and the title. A row has the same columns for every record of a
run (`columns`), so CSV and Parquet get one schema: the id, the score and label, one
sub-score per category, signal counts by kind and by source type, hedge type and claim
status, and an error (empty unless the record could not be scored). A record that cannot be
scored is an error row, never an exception: one bad row must not stop a million-row run.

The scoring is the same `audit_document` that `scorer audit` runs, on the same text, so a
batch row's score equals the audit's score for that text.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scorer.config import DEFAULT, Config
from scorer.errors import ScorerError
from scorer.signals import (
    ANONYMITY_TYPES,
    CLAIM_STATUSES,
    HEDGE_TYPES,
    KINDS,
    REPLY_TYPES,
    SOURCE_TYPES,
    WEASEL_TYPES,
)

if TYPE_CHECKING:
    from scorer.engine import RuleSet

Row = dict[str, Any]

# Signal counts: by kind, then by the field that sorts each kind into types.
_COUNTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("attribution", "source", SOURCE_TYPES),
    ("hedge", "type", HEDGE_TYPES),
    ("weasel", "type", WEASEL_TYPES),
    ("claim", "status", CLAIM_STATUSES),
    ("reply", "type", REPLY_TYPES),
    ("anonymity_reason", "type", ANONYMITY_TYPES),
)


@dataclass(frozen=True)
class Fields:
    """Which keys of an input record hold the article text, its id and its title."""

    text: str = "text"
    id: str | None = "id"  # None, or a key a record lacks: the record's position stands in
    title: str | None = "title"


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to score records: picklable, the same on every machine."""

    fields: Fields = Fields()
    config: Config = DEFAULT
    engine: str | None = None  # overrides the config's engine
    findings: bool = False  # add each record's findings (a list of dicts) as `findings`
    # The rule set, built once where the run starts (`prepare`), so a worker on another
    # machine needs neither the config's rule files nor the time to parse them.
    rules: RuleSet | None = field(default=None, compare=False, repr=False)


def prepare(job: Job) -> Job:
    """The job with its rule set built: what is sent to workers."""
    from scorer.scoring.audit import rule_set

    return job if job.rules is not None else dataclasses.replace(job, rules=rule_set(_config(job)))


def columns(job: Job) -> tuple[str, ...]:
    """The output columns, in order, for every row of a run under `job`."""
    categories = [c.id for c in _rules(job).scoring.categories]
    names = ["id", "score", "label", "genre", "unjudged", "words", "findings_count"]
    names += [f"subscore_{c}" for c in categories]
    names += [f"n_{kind}" for kind in KINDS]
    for kind, _, types in _COUNTS:
        names += [f"n_{kind}_{t}" for t in types]
    if job.findings:
        names.append("findings")
    names.append("error")
    return tuple(names)


def score_record(record: Mapping[str, Any], position: int, job: Job) -> Row:
    """One record as one row; a record that cannot be scored is a row with `error` set.

    `position` is the record's 0-based place in the input: its id when it has none.
    """
    row: Row = dict.fromkeys(columns(job))
    row["id"] = record_id(record, position, job.fields)
    try:
        text = record.get(job.fields.text)
        if not isinstance(text, str):
            raise ScorerError(_missing(record, job.fields.text, text))
        title = record.get(job.fields.title) if job.fields.title else None
        title = title if isinstance(title, str) and title else None
        row.update(_scored(text, title, f"record {row['id']}", job))
    except ScorerError as error:
        row["error"] = str(error)
    except Exception as error:  # a bug: this row's error, and the run goes on
        row["error"] = f"internal error ({type(error).__name__}: {error})"
    return row


def score_records(records: Sequence[tuple[int, Mapping[str, Any]]], job: Job) -> list[Row]:
    """A chunk of (position, record) pairs scored in order: the unit sent to a worker."""
    return [score_record(record, position, job) for position, record in records]


def record_id(record: Mapping[str, Any], position: int, fields: Fields) -> str:
    """The record's id as text, or its position when it has none."""
    value = record.get(fields.id) if fields.id else None
    if value is None or value == "" or _is_nan(value):
        return str(position)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # CSV and pandas turn integer ids into floats
    return str(value)


def _scored(text: str, title: str | None, source: str, job: Job) -> Row:
    from scorer.load import load_string
    from scorer.scoring.audit import audit_document

    doc = load_string(text, title=title, source=source)
    audit = audit_document(doc, _config(job), _rules(job))
    row: Row = {
        "score": audit.score,
        "label": audit.label,
        "genre": audit.genre.name if audit.genre else None,
        "unjudged": audit.unjudged,
        "words": audit.document.word_count,
        "findings_count": sum(1 for f in audit.findings if not f.credit),
    }
    row.update({f"subscore_{c}": value for c, value in (audit.subscores or {}).items()})
    row.update(_counts(audit.signals))
    if job.findings:
        row["findings"] = [f.to_dict() for f in audit.findings]
    return row


def _counts(signals: Iterable[Any]) -> Row:
    counts: Counter[str] = Counter()
    typed = {kind: key for kind, key, _ in _COUNTS}
    for signal in signals:
        counts[f"n_{signal.kind}"] += 1
        key = typed.get(signal.kind)
        if key is not None:
            value = signal.fields.get(key)
            value = value.get("type") if isinstance(value, Mapping) else value
            if value is not None:
                counts[f"n_{signal.kind}_{value}"] += 1
    row: Row = {f"n_{kind}": counts[f"n_{kind}"] for kind in KINDS}
    for kind, _, types in _COUNTS:
        row.update({f"n_{kind}_{t}": counts[f"n_{kind}_{t}"] for t in types})
    return row


# One RuleSet object per config in each process: every chunk unpickles its own copy of
# the job, and the durable-rules host registers a rule set per object it is given.
_INTERNED: dict[Config, RuleSet] = {}


def _rules(job: Job) -> RuleSet:
    from scorer.scoring.audit import rule_set

    config = _config(job)
    if job.rules is None:
        return rule_set(config)
    return _INTERNED.setdefault(config, job.rules)


def _config(job: Job) -> Config:
    return job.config if job.engine is None else dataclasses.replace(job.config, engine=job.engine)


def _missing(record: Mapping[str, Any], key: str, value: object) -> str:
    if key not in record:
        have = ", ".join(sorted(map(str, record))) or "none"
        return f"no text field {key!r} (fields: {have})"
    return f"text field {key!r} is {type(value).__name__}, not text"


def _is_nan(value: object) -> bool:
    return isinstance(value, float) and value != value
