"""The command line. Exit codes: 0 ok, 1 the check failed, 2 usage or input error.

Errors in the input are values here: each bad file is one line on stderr and the others
still run; the exit code says that something could not be read.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

import click

from scorer import __version__
from scorer.engine.names import ENGINES
from scorer.errors import ScorerError

if TYPE_CHECKING:
    from pathlib import Path

    from scorer.boilerplate import Pattern
    from scorer.config import Config
    from scorer.engine import RuleSet
    from scorer.engine.rulefile import Rule

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--version`: the release, and which rules engine an audit would run."""
    if not value or ctx.resilient_parsing:
        return
    from scorer.engine import engine_description

    click.echo(f"scorer, version {__version__}")
    click.echo(f"rules engine: {engine_description()}")
    ctx.exit(EXIT_OK)


def _fail(message: object) -> NoReturn:
    """One `scorer: error:` line on stderr, exit 2: the input or the usage was wrong."""
    click.echo(f"scorer: error: {message}", err=True)
    sys.exit(EXIT_INPUT)


_CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Use this config file (.scorer.toml, or pyproject.toml with [tool.scorer]) instead of "
    "the nearest one.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and the rules engine, and exit.",
)
def cli() -> None:
    """Score the sourcing of news copy: anonymous sources, hedges and unattributed claims."""


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="PATH|-|URL...")
@click.option(
    "--input-format",
    type=click.Choice(["text", "markdown", "html"]),
    default=None,
    help="Read every source as this format instead of going by its name.",
)
@click.option(
    "--boilerplate",
    "boilerplate_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="A file of extra boilerplate patterns (the shape of rules/boilerplate.toml); repeatable.",
)
@_CONFIG_OPTION
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=None,
    help="Run this rules engine, whatever the config says.",
)
def audit(
    sources: tuple[str, ...],
    input_format: str | None,
    boilerplate_files: tuple[str, ...],
    config_file: str | None,
    engine: str | None,
) -> None:
    """Audit articles: print each one's structure, score and findings."""
    from scorer.config import for_source
    from scorer.load import load
    from scorer.pipeline import audit_document
    from scorer.render import findings, structure

    try:
        patterns = _boilerplate_patterns(boilerplate_files)
        # An explicit config is checked before any article, so its error is said once.
        fixed = _checked(_with_engine(_load_config(config_file), engine)) if config_file else None
    except ScorerError as error:
        _fail(error)
    status = EXIT_OK
    said: set[str] = set()
    printed = 0
    for source in sources:
        try:
            doc = load(source, format=input_format, boilerplate=patterns)
            config = fixed or _with_engine(for_source(source), engine)
            result = audit_document(doc, config)
        except ScorerError as error:
            # Articles sharing a broken config would repeat its error: say it once.
            if str(error) not in said:
                said.add(str(error))
                click.echo(f"scorer: error: {error}", err=True)
            status = EXIT_INPUT
            continue
        if printed:
            click.echo()
        printed += 1
        click.echo(structure.render(doc), nl=False)
        click.echo(findings.render(result), nl=False)
    sys.exit(status)


@cli.group()
def rules() -> None:
    """The rules in force: list them, show one, check rule files, see the fields they read."""


@rules.command("list")
@_CONFIG_OPTION
def rules_list(config_file: str | None) -> None:
    """List the rules in force, by the rule file each comes from."""
    from scorer.engine import engine_description
    from scorer.render import rules as render

    config, ruleset = _rules_in_force(config_file)
    click.echo(
        render.table(
            ruleset.rules,
            engine=engine_description(config.engine),
            config=config.path,
            disabled=config.disable,
        ),
        nl=False,
    )


@rules.command("show")
@click.argument("rule_id", metavar="ID")
@_CONFIG_OPTION
def rules_show(rule_id: str, config_file: str | None) -> None:
    """Show everything about one rule, as it is in force (with the config's overrides)."""
    from scorer.render import rules as render

    config, ruleset = _rules_in_force(config_file)
    click.echo(render.detail(_rule(rule_id, config, ruleset), ruleset.scoring), nl=False)


@rules.command("check")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
def rules_check(files: tuple[str, ...]) -> None:
    """Check rule files, each together with the shipped rule packs."""
    from pathlib import Path

    from scorer.engine.rulefile import load_rule_files, load_scoring, shipped_rule_files

    try:
        scoring = load_scoring()
    except ScorerError as error:
        _fail(error)
    status = EXIT_OK
    for file in files:
        path = Path(file)
        # A shipped pack checked by name must not meet itself: its ids would be duplicates.
        others = [p for p in shipped_rule_files() if not _same_file(p, path)]
        try:
            loaded = load_rule_files([*others, path], scoring)
        except ScorerError as error:
            click.echo(f"scorer: error: {error}", err=True)
            status = EXIT_INPUT
            continue
        count = sum(1 for rule in loaded if rule.path == str(path))
        click.echo(f"{file}: ok ({count} rule{'' if count == 1 else 's'})")
    sys.exit(status)


@rules.command("fields")
def rules_fields() -> None:
    """List the fields a rule's `when` and message can read, with their types and values."""
    from scorer.engine.facts import DOC_METRICS, SIGNAL_FIELDS
    from scorer.pipeline import rule_set
    from scorer.render import rules as render

    # Only the shipped packs: this is the help for fixing a house rule file, so it must
    # work while a config names a broken one.
    try:
        derived = [rule for rule in rule_set().rules if rule.derive]
    except ScorerError as error:
        _fail(error)
    click.echo(render.fields(SIGNAL_FIELDS, DOC_METRICS, derived), nl=False)


@cli.command()
@click.argument("rule_id", metavar="ID")
@_CONFIG_OPTION
def explain(rule_id: str, config_file: str | None) -> None:
    """Explain a rule: what it checks, why, what it costs, and what it finds in its example."""
    import scorer
    from scorer.render import rules as render

    config, ruleset = _rules_in_force(config_file)
    rule = _rule(rule_id, config, ruleset)
    result = None
    if rule.example:
        try:
            result = scorer.audit(rule.example, config=config)
        except ScorerError as error:
            _fail(error)
    click.echo(render.explanation(rule, ruleset.scoring, result), nl=False)


def _load_config(config_file: str | None) -> Config:
    """The config file named, or the nearest one to the working directory."""
    from pathlib import Path

    from scorer.config import for_source, load

    return load(Path(config_file)) if config_file else for_source("-")


def _with_engine(config: Config, engine: str | None) -> Config:
    import dataclasses

    return config if engine is None else dataclasses.replace(config, engine=engine)


def _checked(config: Config) -> Config:
    """The config, once its rule files and overrides are known to load."""
    from scorer.pipeline import rule_set

    rule_set(config)
    return config


def _rules_in_force(config_file: str | None) -> tuple[Config, RuleSet]:
    from scorer.pipeline import rule_set

    try:
        config = _load_config(config_file)
        return config, rule_set(config)
    except ScorerError as error:
        _fail(error)


def _rule(rule_id: str, config: Config, ruleset: RuleSet) -> Rule:
    """The rule in force with this id; else exit 2, saying why and what was likely meant."""
    import difflib

    rule = ruleset.get(rule_id)
    if rule is not None:
        return rule
    if rule_id in config.disable:
        _fail(f"rule {rule_id!r} is disabled by {config.path}")
    ids = [rule.id for rule in ruleset.rules]
    close = difflib.get_close_matches(rule_id, ids, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    _fail(f"no rule with id {rule_id!r}{hint}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _boilerplate_patterns(files: tuple[str, ...]) -> tuple[Pattern, ...] | None:
    """The shipped patterns plus those of each file named, or None for the shipped ones."""
    if not files:
        return None
    from pathlib import Path

    from scorer import boilerplate

    extra = tuple(p for f in files for p in boilerplate.load_patterns(Path(f)))
    return boilerplate.default_patterns() + extra


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("scorer: interrupted", err=True)
        sys.exit(130)
