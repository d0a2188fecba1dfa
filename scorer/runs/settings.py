"""What a command runs under: its config, its rules, its boilerplate patterns.

Built here from what the command line names, so the commands only parse options: every
function raises ScorerError, naming the file, line or rule, when something cannot be used
(but `check_rule_file`, which returns them all: whoever checks a file means to fix it all).
"""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.errors import ScorerError

if TYPE_CHECKING:
    from scorer.config import Config
    from scorer.engine import RuleSet
    from scorer.engine.rulefile import Rule
    from scorer.load.furniture import Pattern


def config_named(config_file: str | None) -> Config:
    """The config file named, or the nearest one to the working directory."""
    from scorer.config import for_source, load

    return load(Path(config_file)) if config_file else for_source("-")


def with_engine(config: Config, engine: str | None) -> Config:
    return config if engine is None else dataclasses.replace(config, engine=engine)


def checked(config: Config) -> Config:
    """The config, once its rule files and overrides are known to load."""
    from scorer.scoring.audit import rule_set

    rule_set(config)
    return config


def rules_in_force(config_file: str | None) -> tuple[Config, RuleSet]:
    from scorer.scoring.audit import rule_set

    config = config_named(config_file)
    return config, rule_set(config)


def rule(rule_id: str, config: Config, ruleset: RuleSet) -> Rule:
    """The rule in force with this id; else an error saying why and what was likely meant."""
    found = ruleset.get(rule_id)
    if found is not None:
        return found
    if rule_id in config.disable:
        raise ScorerError(f"rule {rule_id!r} is disabled by {config.path}")
    close = difflib.get_close_matches(rule_id, [r.id for r in ruleset.rules], n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ScorerError(f"no rule with id {rule_id!r}{hint}")


def boilerplate_patterns(files: tuple[str, ...]) -> tuple[Pattern, ...] | None:
    """The shipped patterns plus those of each file named, or None for the shipped ones."""
    if not files:
        return None
    from scorer.load import furniture

    extra = tuple(p for f in files for p in furniture.load_patterns(Path(f)))
    return furniture.default_patterns() + extra


@dataclasses.dataclass(frozen=True)
class RuleFileCheck:
    """What `scorer rules check` found in one file: all of it, so one run shows every fix."""

    rules: int  # the file's rules that parsed
    examples: int  # examples audited: each fired unless `errors` says otherwise
    errors: tuple[ScorerError, ...]


def check_rule_file(file: str) -> RuleFileCheck:
    """A house rule file checked together with the shipped packs, then its examples run.

    A rule's example is its promise of what it finds: a rule that makes findings and is
    silent on its own example is wrong, however well it parses.
    """
    from scorer.engine import RuleSet
    from scorer.engine.rulefile import collect_rule_files, shipped_rule_files
    from scorer.engine.scoring_file import load_scoring

    path = Path(file)
    scoring = load_scoring()
    # A shipped pack checked by name must not meet itself: its ids would be duplicates.
    others = [p for p in shipped_rule_files() if not _same_file(p, path)]
    loaded, errors = collect_rule_files([*others, path], scoring)
    mine = [rule for rule in loaded if rule.path == str(path)]
    if errors:  # examples run only under rules that all load
        return RuleFileCheck(len(mine), 0, tuple(errors))
    # The rule set is built here, not from a Config naming the file: a Config's rule files
    # are added to the shipped packs, and a shipped pack checked by name would be there twice.
    ruleset = RuleSet.of(loaded, scoring)
    examples = [rule for rule in mine if rule.example and rule.makes_findings]
    silent = [e for e in (_example_problem(rule, ruleset) for rule in examples) if e]
    return RuleFileCheck(len(mine), len(examples), tuple(silent))


def _example_problem(rule: Rule, ruleset: RuleSet) -> ScorerError | None:
    """Why the rule's example does not show it firing, or None when it does."""
    from scorer.config import Config
    from scorer.load import load_string
    from scorer.scoring.audit import audit_document

    assert rule.example is not None

    def problem(message: str) -> ScorerError:
        return ScorerError(message, path=rule.path, line=rule.line, rule=rule.id)

    try:
        # As `scorer explain` runs it: an example is a snippet of news, not a brief.
        audit = audit_document(load_string(rule.example), Config(genre="news"), ruleset)
    except ScorerError as error:
        return problem(f"its example cannot be audited: {error.message}")
    found = sorted({finding.rule for finding in audit.findings})
    if rule.id in found:
        return None
    instead = f"it finds only {', '.join(found)}" if found else "it finds nothing"
    return problem(
        "its example does not trigger it (the example is audited as news with this file's "
        f"rules and the shipped packs; {instead})"
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
