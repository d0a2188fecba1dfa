"""What hovering shows: on a finding, the finding and its rule explained as `scorer explain`
explains it, then the document's score; anywhere else in an audited document, the score.

The explanation audits the rule's example, so it is made in the audit thread and kept per
config (and version of its rule files) and rule. The server has the explanations of a
document's rules made right after its audit is published (`prepare`), so a hover is
answered at once, not after whatever audit is running (`ready`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from scorer.errors import ScorerError
from scorer.lsp.diagnostics import placed
from scorer.lsp.positions import Lines

if TYPE_CHECKING:
    from scorer.config import Config
    from scorer.lsp.auditing import Audited
    from scorer.scoring.audit import Audit
    from scorer.scoring.points import Finding


def describe(
    audited: Audited, offset: int | None, *, markdown: bool, make: bool = True
) -> str | None:
    """The hover text at `offset` (None: the audit is of an older text, so only the score
    is shown), or None when the document has no audit to speak of. With `make` False an
    explanation not made yet is left out (off the audit thread, no example is audited)."""
    audit = audited.audit
    if audit is None:
        return None
    score = score_line(audit)
    here = []
    if offset is not None:
        lines = Lines(audited.text)
        here = [spot.finding for spot in placed(audit, lines) if spot.start <= offset < spot.end]
    if not here:
        return f"**{score}**" if markdown else score
    parts = [_finding(finding, audited.config, markdown, make) for finding in here]
    if markdown:
        return "\n\n---\n\n".join([*parts, f"**{score}**"])
    return "\n\n".join([*parts, score])


def score_line(audit: Audit) -> str:
    """`scorer: 15.5 / 100 poorly sourced, 24 findings`: the line `scorer check` gives a file."""
    count = sum(1 for finding in audit.findings if not finding.credit)
    plural = "" if count == 1 else "s"
    return f"scorer: {audit.score:.1f} / 100 {audit.label}, {count} finding{plural}"


def _finding(finding: Finding, config: Config | None, markdown: bool, make: bool) -> str:
    from scorer.render.points import points_text

    points = f"{points_text(finding.points)} point{'' if abs(finding.points) == 1 else 's'}"
    if finding.same_source:
        points += " (this source was counted already)"
    elif finding.cap_reached:
        points += " (the rule's cap is reached)"
    explained = explanation(config, finding.rule, make=make) if config is not None else None
    text = (explained or f"{finding.rule}: {finding.title}").rstrip("\n")
    if not markdown:
        return f"{finding.rule} ({finding.severity}, {points}): {finding.message}\n\n{text}"
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", text)), default=0))
    return (
        f"**{finding.rule}** · {finding.severity} · {points}\n\n{_escaped(finding.message)}\n\n"
        f"{fence}text\n{text}\n{fence}"
    )


# What Markdown would read as markup in a message, which quotes the article's own words.
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~])")


def _escaped(text: str) -> str:
    return _MARKUP.sub(r"\\\1", text)


_MADE: dict[tuple[object, ...], str | None] = {}
_KEEP = 1024  # explanations kept: every rule under a few dozen configs


def explanation(config: Config, rule_id: str, *, make: bool = True) -> str | None:
    """`scorer explain RULE` under this config, or None when the rule is not in force (or,
    with `make` False, not explained yet)."""
    key = _key(config, rule_id)
    if key in _MADE or not make:
        return _MADE.get(key)
    made = _explain(config, rule_id)
    while len(_MADE) >= _KEEP:
        _MADE.pop(next(iter(_MADE)), None)  # the oldest
    _MADE[key] = made
    return made


def prepare(audited: Audited) -> None:
    """Make the explanations a hover on this audit's findings will show (audit thread)."""
    if audited.audit is not None and audited.config is not None:
        for rule_id in {finding.rule for finding in audited.audit.findings}:
            explanation(audited.config, rule_id)


def ready(audited: Audited) -> bool:
    """Whether a hover on this audit can be answered without auditing an example."""
    if audited.audit is None or audited.config is None:
        return True
    return _all_made(audited.config, (finding.rule for finding in audited.audit.findings))


def _all_made(config: Config, rule_ids: Iterable[str]) -> bool:
    return all(_key(config, rule_id) in _MADE for rule_id in rule_ids)


def _key(config: Config, rule_id: str) -> tuple[object, ...]:
    from scorer.lsp.auditing import rules_stamp

    return (config, rules_stamp(config), rule_id)


def _explain(config: Config, rule_id: str) -> str | None:
    import scorer
    from scorer.render.rules import explanation as explain
    from scorer.scoring.audit import rule_set

    try:
        ruleset = rule_set(config)
        rule = ruleset.get(rule_id)
        if rule is None:
            return None
        # As `scorer explain` does: an example is a snippet of news, judged as news.
        as_news = dataclasses.replace(config, genre=config.genre or "news")
        example = scorer.audit(rule.example, config=as_news) if rule.example else None
        return explain(rule, ruleset.scoring, example)
    except ScorerError:
        return None
