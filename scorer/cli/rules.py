"""`scorer rules list|show|check|fields` and `scorer explain`: the rules in force, read."""

from __future__ import annotations

import dataclasses
import sys

import click

from scorer.cli import cli
from scorer.cli.common import CONFIG, EXIT_INPUT, EXIT_OK, fail, say_error
from scorer.errors import ScorerError


@cli.group()
def rules() -> None:
    """The rules in force: list them, show one, check rule files, see the fields they read."""


@rules.command("list")
@CONFIG
def rules_list(config_file: str | None) -> None:
    """List the rules in force, by the rule file each comes from."""
    from scorer.engine import engine_description
    from scorer.render import rules as render
    from scorer.runs.settings import rules_in_force

    try:
        config, ruleset = rules_in_force(config_file)
    except ScorerError as error:
        fail(error)
    engine = engine_description(config.engine)
    table = render.table(ruleset.rules, engine=engine, config=config.path, disabled=config.disable)
    click.echo(table, nl=False)


@rules.command("show")
@click.argument("rule_id", metavar="ID")
@CONFIG
def rules_show(rule_id: str, config_file: str | None) -> None:
    """Show everything about one rule, as it is in force (with the config's overrides)."""
    from scorer.render import rules as render
    from scorer.runs.settings import rule, rules_in_force

    try:
        config, ruleset = rules_in_force(config_file)
        click.echo(render.detail(rule(rule_id, config, ruleset), ruleset.scoring), nl=False)
    except ScorerError as error:
        fail(error)


@rules.command("check")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
def rules_check(files: tuple[str, ...]) -> None:
    """Check rule files, each together with the shipped rule packs, and run their examples.

    Every error in a file is reported, one line each: each rule's problems, then
    those of the set (duplicate ids, facts nobody derives, cycles), then each rule that
    does not fire on its own example.
    """
    from scorer.runs.settings import check_rule_file

    status = EXIT_OK
    for file in files:
        try:
            checked = check_rule_file(file)
        except ScorerError as error:
            say_error(error)
            status = EXIT_INPUT
            continue
        for error in checked.errors:
            say_error(error)
        if checked.errors:
            status = EXIT_INPUT
            continue
        click.echo(f"{file}: ok ({_counted(checked.rules, checked.examples)})")
    sys.exit(status)


def _counted(rules: int, examples: int) -> str:
    """`3 rules, 2 examples fire`: how much the check covered, so a silent gap shows."""
    said = f"{rules} rule{'' if rules == 1 else 's'}"
    if not examples:
        return f"{said}, no examples"
    return f"{said}, {examples} example{' fires' if examples == 1 else 's fire'}"


@rules.command("fields")
def rules_fields() -> None:
    """List the fields a rule's `when` and message can read, with their types and values."""
    from scorer.engine.fields import DOC_METRICS, SIGNAL_FIELDS
    from scorer.render import rules as render
    from scorer.scoring.audit import rule_set

    # Only the shipped packs: this is the help for fixing a house rule file, so it must
    # work while a config names a broken one.
    try:
        derived = [rule for rule in rule_set().rules if rule.derive]
    except ScorerError as error:
        fail(error)
    click.echo(render.fields(SIGNAL_FIELDS, DOC_METRICS, derived), nl=False)


@cli.command()
@click.argument("rule_id", metavar="ID")
@CONFIG
def explain(rule_id: str, config_file: str | None) -> None:
    """Explain a rule: what it checks, why, what it costs, and what it finds in its example."""
    import scorer
    from scorer.render import rules as render
    from scorer.runs.settings import rule, rules_in_force

    try:
        config, ruleset = rules_in_force(config_file)
        found = rule(rule_id, config, ruleset)
        # An example is a snippet of news: judged as news, not as the brief its length says.
        as_news = dataclasses.replace(config, genre=config.genre or "news")
        result = scorer.audit(found.example, config=as_news) if found.example else None
    except ScorerError as error:
        fail(error)
    click.echo(render.explanation(found, ruleset.scoring, result), nl=False)
