"""Rule files: the shipped packs load, and every mistake names the file, line and rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer.engine import RuleSet
from scorer.engine.rulefile import (
    collect_rule_files,
    load_rule_files,
    parse_rule_file,
    shipped_rule_files,
)
from scorer.engine.scoring_file import load_scoring
from scorer.errors import ScorerError

GOOD = """\
[[rule]]
id = "house-hedge"
title = "Hedge"
category = "hedging"
severity = "info"
scope = "signal"
when = "kind == 'hedge'"
points = -1
message = "hedge '{text}'"
why = "House style."
"""


def write(tmp_path: Path, text: str, name: str = "house.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_packs_load_with_at_least_twenty_rules_in_every_category():
    scoring = load_scoring()
    rules = load_rule_files(shipped_rule_files(), scoring)
    assert len(rules) >= 20
    assert {rule.category for rule in rules} == {c.id for c in scoring.categories}
    assert all(rule.why and rule.title for rule in rules)
    layers = RuleSet.of(rules, scoring).layers
    assert [rule.id for rule in layers[-1].rules] == ["anonymous-and-hedged"]


def test_a_good_house_file_loads(tmp_path):
    (rule,) = parse_rule_file(write(tmp_path, GOOD), load_scoring())
    assert (rule.id, rule.line, rule.points, rule.reads) == ("house-hedge", 2, -1, {"kind"})


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("points = -1", "points = 'five'"), "'points' must be a number"),
        (('severity = "info"', 'severity = "fatal"'), "severity must be one of info, warning"),
        (('category = "hedging"', 'category = "style"'), "unknown category 'style'"),
        (('scope = "signal"', 'scope = "sentence"'), "scope must be one of signal, document"),
        (('why = "House style."', 'wy = "House style."'), "unknown key(s) wy"),
        (("kind == 'hedge'", "kind == 'hedg'"), "'hedg' is not a value of 'kind'"),
        (("kind == 'hedge'", "knd == 'hedge'"), "unknown field 'knd'"),
        (("kind == 'hedge'", "sorce.type == 'vague'"), "unknown field 'sorce.type'"),
        (("kind == 'hedge'", "doc.words == 'many'"), "'doc.words' is a number and cannot"),
        (("kind == 'hedge'", "kind > 'hedge'"), "'kind' is a string: use == or != with it, not >"),
        (("kind == 'hedge'", "kind"), "'kind' is a string: compare it with a value"),
        (("kind == 'hedge'", "kind == 'hedge' and"), "invalid 'when': the expression ends"),
        (("kind == 'hedge'", "__class__ == 1"), "cannot start with '_'"),
        (("kind == 'hedge'", "nobody_derives_this"), "'nobody_derives_this' is neither a field"),
        (("'{text}'", "'{txt}'"), "message placeholder {txt} is not a field"),
        (("points = -1", "points = -1\ncap = 5"), "'cap' must have the same sign"),
        (('id = "house-hedge"', 'id = "House Hedge"'), "'id' must be lower-case words"),
        (('id = "house-hedge"', 'id = "speculation"'), "rule id 'speculation' is also"),
        (("points = -1", "points = -500"), "between -100 and 100"),
        (("message = \"hedge '{text}'\"", ""), "needs a 'message'"),
    ],
)
def test_each_mistake_is_one_message_with_file_line_and_rule(tmp_path, change, problem):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ScorerError, match=re.escape(problem)) as raised:
        load_rule_files([*shipped_rule_files(), path], load_scoring())
    error = raised.value
    assert error.path == str(path)
    assert error.line == 2
    assert error.rule in ("house-hedge", "House Hedge", "speculation")


def test_a_house_rule_may_read_a_fact_a_shipped_rule_derives(tmp_path):
    path = write(tmp_path, GOOD.replace("kind == 'hedge'", "kind == 'hedge' and hedge_heavy"))
    rules = load_rule_files([*shipped_rule_files(), path], load_scoring())
    layers = RuleSet.of(rules, load_scoring()).layers
    assert "house-hedge" in [rule.id for rule in layers[1].rules]


def test_a_duplicate_id_in_one_file_names_both_lines(tmp_path):
    path = write(tmp_path, GOOD + "\n" + GOOD)
    with pytest.raises(ScorerError, match=re.escape(f"also defined at {path}:2")) as raised:
        load_rule_files([path], load_scoring())
    assert raised.value.line == 13


def test_a_rule_is_placed_at_its_id_line_after_blank_lines(tmp_path):
    spaced = "\n\n" + GOOD.replace("[[rule]]\n", "[[rule]]\n\n\n")
    (rule,) = parse_rule_file(write(tmp_path, spaced), load_scoring())
    assert rule.line == 6
    no_id = "\n\n" + GOOD.replace('id = "house-hedge"\n', "")
    with pytest.raises(ScorerError) as raised:  # no id line: the header's line
        parse_rule_file(write(tmp_path, no_id), load_scoring())
    assert raised.value.line == 3


def test_a_toml_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, GOOD.replace('title = "Hedge"', "title = Hedge"))
    with pytest.raises(ScorerError) as raised:
        parse_rule_file(path, load_scoring())
    assert (raised.value.path, raised.value.line) == (str(path), 3)


CYCLE = GOOD.replace("when = \"kind == 'hedge'\"", 'when = "b_fact"').replace(
    "message = \"hedge '{text}'\"", 'derive = "a_fact"'
).replace("points = -1\n", "") + GOOD.replace("house-hedge", "house-other").replace(
    "when = \"kind == 'hedge'\"", 'when = "a_fact"'
).replace("message = \"hedge '{text}'\"", 'derive = "b_fact"').replace("points = -1\n", "")


def test_rules_deriving_from_each_other_in_a_cycle_are_refused(tmp_path):
    path = write(tmp_path, CYCLE)
    with pytest.raises(ScorerError, match="in a cycle: house-hedge, house-other"):
        load_rule_files([path], load_scoring())


def test_collecting_finds_each_rules_first_error_then_the_sets_and_loading_raises_the_first(
    tmp_path,
):
    broken = GOOD.replace("house-hedge", "house-broken").replace('"info"', '"fatal"')
    unknown = GOOD.replace("house-hedge", "house-reader").replace("'hedge'", "'hedge' and no_fact")
    path = write(tmp_path, "\n".join([GOOD, broken, unknown, GOOD]))
    rules, errors = collect_rule_files([*shipped_rule_files(), path], load_scoring())
    assert [rule.id for rule in rules if rule.path == str(path)] == [
        "house-hedge",
        "house-reader",
        "house-hedge",
    ]
    assert [(e.line, e.rule, e.message) for e in errors] == [
        (13, "house-broken", "severity must be one of info, warning, error, not 'fatal'"),
        (35, "house-hedge", f"rule id 'house-hedge' is also defined at {path}:2"),
        (
            24,
            "house-reader",
            "'no_fact' is neither a field of a signal fact nor a fact any rule derives",
        ),
    ]
    with pytest.raises(ScorerError) as raised:
        load_rule_files([*shipped_rule_files(), path], load_scoring())
    assert str(raised.value) == str(errors[0])  # fail-fast: the first of the same list


def test_a_rule_reading_the_fact_of_a_broken_rule_is_not_blamed_for_it(tmp_path):
    maker = GOOD.replace("house-hedge", "house-maker").replace('"info"', '"loud"')
    maker = maker.replace("message = \"hedge '{text}'\"", 'derive = "house_fact"')
    maker = maker.replace("points = -1\n", "")
    reader = GOOD.replace("'hedge'", "'hedge' and house_fact")
    path = write(tmp_path, maker + "\n" + reader)
    rules, errors = collect_rule_files([path], load_scoring())
    assert [rule.id for rule in rules] == ["house-hedge"]
    assert [(e.line, e.rule, e.message) for e in errors] == [
        (2, "house-maker", "severity must be one of info, warning, error, not 'loud'")
    ]


def test_a_cycle_is_reported_beside_a_broken_rule(tmp_path):
    broken = GOOD.replace("house-hedge", "house-broken").replace("points = -1", "points = 'x'")
    path = write(tmp_path, CYCLE + "\n" + broken)
    _, errors = collect_rule_files([path], load_scoring())
    assert [(e.line, e.rule, e.message) for e in errors] == [
        (21, "house-broken", "'points' must be a number"),
        (
            2,
            "house-hedge",
            "rules derive facts from each other in a cycle: house-hedge, house-other",
        ),
    ]


def test_a_file_level_problem_is_one_error_for_the_file(tmp_path):
    path = write(tmp_path, GOOD.replace('title = "Hedge"', "title = Hedge") + "\n" + GOOD)
    rules, errors = collect_rule_files([path], load_scoring())
    assert rules == ()
    assert [(e.path, e.line, e.rule) for e in errors] == [(str(path), 3, None)]
    stray = write(tmp_path, "[rules]\nid = 1\n", name="stray.toml")
    assert [str(e) for e in collect_rule_files([stray], load_scoring())[1]] == [
        f"{stray}: unknown top-level key(s) rules: a rule file holds [[rule]] tables"
    ]


def test_a_file_with_no_rules_or_stray_tables_is_refused(tmp_path):
    with pytest.raises(ScorerError, match="no rules"):
        parse_rule_file(write(tmp_path, "# nothing\n"), load_scoring())
    with pytest.raises(ScorerError, match="unknown top-level key"):
        parse_rule_file(write(tmp_path, "[rules]\nid = 1\n"), load_scoring())


def test_the_type_vocabulary_matches_the_lexicons_that_emit_it():
    from scorer.detectors import lexicon
    from scorer.signals import ANONYMITY_TYPES, HEDGE_TYPES, REPLY_TYPES

    assert set(lexicon.shipped("hedges").types) == set(HEDGE_TYPES)
    # A request for comment names its party between its words ("reached out to X for
    # comment"): scorer.detectors.replies finds it by pattern, not in the lexicon.
    assert set(lexicon.shipped("replies").types) | {"request"} == set(REPLY_TYPES)
    assert set(lexicon.shipped("anonymity").types) == set(ANONYMITY_TYPES)
