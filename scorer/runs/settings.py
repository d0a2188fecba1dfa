"""What a command runs under: its config, its rules, its boilerplate patterns.

Built here from what the command line names, so the commands only parse options: every
function raises ScorerError, naming the file, line or rule, when something cannot be used.
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


def check_rule_file(file: str) -> int:
    """How many rules a house rule file holds, checked together with the shipped packs."""
    from scorer.engine.rulefile import load_rule_files, shipped_rule_files
    from scorer.engine.scoring_file import load_scoring

    path = Path(file)
    # A shipped pack checked by name must not meet itself: its ids would be duplicates.
    others = [p for p in shipped_rule_files() if not _same_file(p, path)]
    loaded = load_rule_files([*others, path], load_scoring())
    return sum(1 for rule in loaded if rule.path == str(path))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
