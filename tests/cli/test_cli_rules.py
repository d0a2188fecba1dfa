"""The rules on the command line: `--version`, the scored `audit`, `rules list|show|check|fields`
and `explain`, driven as a user would, with the exit codes and one-line errors they give.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REWRITE, ROOT

DURABLE = importlib.util.find_spec("durable") is not None
DEFAULT_ENGINE = "durable-rules" if DURABLE else "python"
ENGINE_DESCRIPTION = "durable-rules 2.0.28" if DURABLE else "python evaluator"

HOUSE_RULE = """\
[[rule]]
id = "house-test"
title = "Test"
category = "attribution"
severity = "info"
scope = "signal"
when = "kind == 'hedge'"
points = -1
message = "hedge '{text}'"
why = "House style."
"""


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The command as a user types it; from the checkout, so rule files show as rules/..."""
    return subprocess.run(
        [sys.executable, "-m", "scorer", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def squeezed(text: str) -> list[str]:
    """Lines with runs of spaces made one: column widths follow the longest rule id."""
    return [" ".join(line.split()) for line in text.splitlines()]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --version


def test_version_names_the_rules_engine_on_its_second_line():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "scorer, version 0.1.0",
        f"rules engine: {ENGINE_DESCRIPTION}",
    ]


def test_version_does_not_import_nltk():
    code = (
        "import sys\n"
        "from scorer.cli import cli\n"
        "try:\n"
        "    cli(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('nltk' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.stdout.splitlines()[-1] == "False"


# audit


def test_audit_prints_the_report_with_score_findings_and_points():
    result = run("audit", "--format", "plain", "--width", "100", str(REWRITE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Someone Really Important Just Defected From Syria"
    assert "│ 15.5 / 100  poorly sourced" in result.stdout
    assert "Findings: 24 problems (2 errors, 10 warnings, 12 info) and 1 credit" in lines
    # Each finding is a row (place, severity, rule, points) with its message beneath.
    flat = squeezed(result.stdout)
    rows = [f"{a} {b}" for a, b in itertools.pairwise(flat)]
    assert (
        "7:67 warning anonymous-source-undescribed -3 "
        "'multiple sources' is anonymous, with no agency, side or role given"
    ) in rows
    assert (
        "3:64 warning reportedly-without-source -4 'reportedly' with no outlet or source named in the sentence"
        in rows
    )
    assert (
        "doc info distinct-source-kinds +8 "
        "named sources of 2 kinds (people, organisations, outlets, documents)"
    ) in rows
    assert (
        "13:170 info loaded-attribution-verb 0 'thinks' judges the statement; 'said' reports it"
        in rows
    )
    assert result.stderr == ""


def test_the_python_engine_finds_what_the_default_engine_finds():
    default = run("audit", "-f", "plain", "--width", "100", str(REWRITE))
    python = run("audit", "-f", "plain", "--width", "100", "--engine", "python", str(REWRITE))
    assert default.returncode == python.returncode == 0
    assert "─ engine: python ─╯" in python.stdout
    assert f"─ engine: {DEFAULT_ENGINE} ─╯" in default.stdout
    assert _same_but_engine(default.stdout, python.stdout)


def _same_but_engine(a: str, b: str) -> bool:
    """Equal once the engine's name (and the border that pads it) is taken out."""
    drop = re.compile(r"─*(?: engine: [a-z-]+ )?─*╯")
    return drop.sub("╯", a) == drop.sub("╯", b)


def test_an_unknown_engine_is_a_usage_error():
    result = run("audit", "--engine", "drools", str(REWRITE))
    assert result.returncode == 2
    assert "Invalid value for '--engine'" in result.stderr


def test_a_config_that_disables_a_rule_removes_its_findings(tmp_path):
    config = write(tmp_path / ".scorer.toml", 'disable = ["reportedly-without-source"]\n')
    before = run("check", "--fail-on", "none", str(REWRITE))
    after = run("check", "--fail-on", "none", "--config", str(config), str(REWRITE))
    assert after.returncode == 0, after.stderr
    assert "reportedly-without-source" in before.stdout
    assert "reportedly-without-source" not in after.stdout
    # Its three findings cost -4 each: the score rises by 12.
    assert after.stdout.splitlines()[-1] == (
        f"{REWRITE}: 27.5 / 100 poorly sourced, 21 findings: ok"
    )


def test_the_nearest_config_applies_to_each_file(tmp_path):
    write(tmp_path / ".scorer.toml", 'disable = ["reportedly-without-source"]\nengine = "python"\n')
    article = tmp_path / "rewrite.txt"
    shutil.copy(REWRITE, article)
    result = run("audit", "--format", "json", str(article))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["score"], data["label"], data["engine"]) == (27.5, "poorly sourced", "python")
    assert "reportedly-without-source" not in result.stdout


def test_engine_option_overrides_the_configs_engine(tmp_path):
    config = write(tmp_path / ".scorer.toml", 'engine = "python"\n')
    result = run(
        "audit", "-f", "json", "--config", str(config), "--engine", DEFAULT_ENGINE, str(REWRITE)
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["score"], data["label"], data["engine"]) == (
        15.5,
        "poorly sourced",
        DEFAULT_ENGINE,
    )


def test_a_config_with_an_unknown_key_is_one_error_naming_file_and_key(tmp_path):
    config = write(tmp_path / ".scorer.toml", 'colour = "red"\n')
    result = run("audit", "--config", str(config), str(REWRITE))
    assert result.returncode == 2
    assert result.stderr == (
        f"scorer: error: {config}: colour: unknown key; "
        "expected one of rules, disable, engine, genre, genres, strict, fail-under, fail-on, diff, annotations, annotate-info, rule, lexicons\n"
    )
    assert result.stdout == ""


def test_a_broken_nearest_config_is_said_once_for_the_files_it_governs(tmp_path):
    config = write(tmp_path / ".scorer.toml", 'colour = "red"\n')
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(REWRITE, first)
    shutil.copy(REWRITE, second)
    result = run("audit", str(first), str(second))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"scorer: error: {config}: colour: unknown key; "
        "expected one of rules, disable, engine, genre, genres, strict, fail-under, fail-on, diff, annotations, annotate-info, rule, lexicons"
    ]


def test_a_malformed_house_rule_file_named_by_the_config_is_a_usage_error(tmp_path):
    house = write(tmp_path / "house.toml", HOUSE_RULE.replace("kind == 'hedge'", "kind =="))
    config = write(tmp_path / ".scorer.toml", 'rules = ["house.toml"]\n')
    result = run("audit", "--config", str(config), str(REWRITE))
    assert result.returncode == 2
    assert result.stderr == (
        f"scorer: error: {house}:2 [house-test]: invalid 'when': the expression ends too early\n"
    )
    assert result.stdout == ""


def test_a_house_rule_named_by_the_config_makes_findings(tmp_path):
    write(tmp_path / "house.toml", HOUSE_RULE)
    config = write(tmp_path / ".scorer.toml", 'rules = ["house.toml"]\n')
    result = run("check", "--fail-on", "none", "--config", str(config), str(REWRITE))
    assert result.returncode == 0, result.stderr
    assert f"{REWRITE}:3:64: info house-test hedge 'reportedly'" in result.stdout.splitlines()


# rules list


def test_rules_list_tables_the_rules_in_force_by_file():
    result = run("rules", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith(f" rules in force (engine: {ENGINE_DESCRIPTION})")
    flat = squeezed(result.stdout)
    assert "id category severity points scope title" in flat
    assert "rules/packs/anonymity.toml" in lines
    assert (
        "anonymous-source-undescribed anonymity warning -3 cap -6 signal "
        "Anonymous source with no description"
    ) in flat
    assert "no-named-source anonymity error -20 document No named source" in flat
    assert "anonymity-explained anonymity info +4 cap +8 signal Anonymity explained" in flat
    # Under the file each comes from.
    assert lines.index("rules/packs/hedging.toml") < lines.index(
        next(line for line in lines if line.lstrip().startswith("hedge-density "))
    )


def test_rules_list_shows_house_rules_and_leaves_out_disabled_ones(tmp_path):
    house = write(tmp_path / "house.toml", HOUSE_RULE)
    config = write(
        tmp_path / ".scorer.toml", 'rules = ["house.toml"]\ndisable = ["borrowed-reporting"]\n'
    )
    result = run("rules", "list", "--config", str(config))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"config: {config}" in lines
    assert str(house) in lines
    assert "house-test attribution info -1 signal Test" in squeezed(result.stdout)
    assert not any(line.lstrip().startswith("borrowed-reporting ") for line in lines)
    assert lines[-1] == "disabled by the config: borrowed-reporting"


def test_rules_list_with_a_broken_config_exits_2(tmp_path):
    config = write(tmp_path / ".scorer.toml", 'disable = ["no-such-rule"]\n')
    result = run("rules", "list", "--config", str(config))
    assert result.returncode == 2
    assert result.stderr == f"scorer: error: {config}: disable: no rule with id 'no-such-rule'\n"


# rules show


def test_rules_show_prints_everything_about_a_rule(tmp_path):
    house = write(
        tmp_path / "house.toml",
        HOUSE_RULE.replace("points = -1", "points = -1\ncap = -3\nexample = 'He reportedly left.'"),
    )
    config = write(tmp_path / ".scorer.toml", 'rules = ["house.toml"]\n')
    result = run("rules", "show", "house-test", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "id:       house-test",
        "title:    Test",
        "category: attribution (Attribution)",
        "severity: info",
        "scope:    signal",
        "when:     kind == 'hedge'",
        "points:   -1",
        "cap:      -3",
        "per:      finding",
        "derive:   -",
        "message:  hedge '{text}'",
        "why:      House style.",
        "example:  He reportedly left.",
        f"file:     {house}:2",
    ]


def test_rules_show_of_a_shipped_rule_names_its_pack():
    result = run("rules", "show", "hedge-density")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        "when:     doc.hedges_per_1000 >= 12 and doc.hedges >= 3 and doc.genre in ['news', 'brief']"
        in lines
    )
    assert "derive:   hedge_heavy" in lines
    assert "at:       document" in lines
    assert (
        "example:  The minister may resign. He could face charges. He has reportedly left the"
        in lines
    )
    assert any(line.startswith("file:     rules/packs/hedging.toml:") for line in lines)


def test_rules_show_reflects_the_configs_overrides(tmp_path):
    config = write(
        tmp_path / ".scorer.toml", '[rule.hedge-density]\nseverity = "info"\npoints = -2\n'
    )
    result = run("rules", "show", "hedge-density", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert "severity: info" in result.stdout.splitlines()
    assert "points:   -2" in result.stdout.splitlines()


def test_rules_show_of_an_unknown_id_suggests_the_close_one():
    result = run("rules", "show", "hedge-densty")
    assert result.returncode == 2
    assert result.stderr == (
        "scorer: error: no rule with id 'hedge-densty'; did you mean 'hedge-density'?\n"
    )
    assert result.stdout == ""


def test_rules_show_of_an_id_like_no_other_has_no_suggestion():
    result = run("rules", "show", "xyzzy")
    assert result.returncode == 2
    assert result.stderr == "scorer: error: no rule with id 'xyzzy'\n"


def test_rules_show_of_a_disabled_rule_says_which_config_disabled_it(tmp_path):
    config = write(tmp_path / ".scorer.toml", 'disable = ["borrowed-reporting"]\n')
    result = run("rules", "show", "borrowed-reporting", "--config", str(config))
    assert result.returncode == 2
    assert result.stderr == f"scorer: error: rule 'borrowed-reporting' is disabled by {config}\n"


# rules check


def test_rules_check_of_a_good_file(tmp_path):
    good = write(tmp_path / "good.toml", HOUSE_RULE)
    result = run("rules", "check", str(good))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{good}: ok (1 rule, no examples)\n"
    assert result.stderr == ""


def test_rules_check_of_a_syntax_error_in_when_names_file_line_and_rule(tmp_path):
    bad = write(tmp_path / "bad.toml", HOUSE_RULE.replace("kind == 'hedge'", "kind == 'hedge' and"))
    result = run("rules", "check", str(bad))
    assert result.returncode == 2
    assert result.stderr == (
        f"scorer: error: {bad}:2 [house-test]: invalid 'when': the expression ends too early\n"
    )
    assert result.stdout == ""


def test_rules_check_of_an_unknown_field_points_at_rules_fields(tmp_path):
    bad = write(tmp_path / "bad.toml", HOUSE_RULE.replace("kind == 'hedge'", "colour == 'red'"))
    result = run("rules", "check", str(bad))
    assert result.returncode == 2
    assert result.stderr == (
        f"scorer: error: {bad}:2 [house-test]: unknown field 'colour' "
        "(see `scorer rules fields` for the fields rules can read)\n"
    )


def test_rules_check_of_a_toml_syntax_error(tmp_path):
    bad = write(tmp_path / "bad.toml", '[[rule]\nid = "x"\n')
    result = run("rules", "check", str(bad))
    assert result.returncode == 2
    assert result.stderr == (
        f"scorer: error: {bad}:1: invalid TOML: Expected ']]' at the end of an array declaration\n"
    )


def test_rules_check_of_an_id_a_shipped_pack_has(tmp_path):
    bad = write(tmp_path / "bad.toml", HOUSE_RULE.replace('"house-test"', '"hedge-density"'))
    result = run("rules", "check", str(bad))
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"scorer: error: {bad}:2 [hedge-density]: rule id 'hedge-density' is also defined at "
    )
    assert "rules/packs/hedging.toml:" in result.stderr


def test_rules_check_reads_facts_the_shipped_packs_derive(tmp_path):
    good = write(
        tmp_path / "good.toml",
        HOUSE_RULE.replace("kind == 'hedge'", "kind == 'hedge' and hedge_heavy"),
    )
    result = run("rules", "check", str(good))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{good}: ok (1 rule, no examples)\n"


def test_rules_check_checks_every_file_and_exits_2_if_any_is_bad(tmp_path):
    good = write(tmp_path / "good.toml", HOUSE_RULE)
    bad = write(tmp_path / "bad.toml", HOUSE_RULE.replace('"info"', '"fatal"'))
    result = run("rules", "check", str(bad), str(good), str(tmp_path / "missing.toml"))
    assert result.returncode == 2
    assert result.stdout == f"{good}: ok (1 rule, no examples)\n"
    assert result.stderr.splitlines() == [
        f"scorer: error: {bad}:2 [house-test]: severity must be one of info, warning, error, not 'fatal'",
        f"scorer: error: {tmp_path / 'missing.toml'}: file not found",
    ]


def test_rules_check_of_the_shipped_packs_themselves_runs_every_example():
    packs = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "rules" / "packs").glob("*.toml"))
    result = run("rules", "check", *packs)
    assert result.returncode == 0, result.stderr
    assert "rules/packs/anonymity.toml: ok (7 rules, 7 examples fire)" in result.stdout.splitlines()
    assert "rules/packs/credit.toml: ok (1 rule, 1 example fires)" in result.stdout.splitlines()
    assert len(result.stdout.splitlines()) == len(packs)
    assert result.stderr == ""


def test_rules_check_reports_every_broken_rule_of_a_file_at_once(tmp_path):
    broken = [
        ('"info"', '"fatal"'),
        ('"attribution"', '"style"'),
        ("kind == 'hedge'", "colour == 'red'"),
        ("'{text}'", "'{txt}'"),
    ]
    tables = [
        HOUSE_RULE.replace("house-test", f"house-{n}").replace(*change)
        for n, change in enumerate(broken)
    ]
    bad = write(tmp_path / "bad.toml", "\n".join([*tables, HOUSE_RULE]))
    result = run("rules", "check", str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"scorer: error: {bad}:2 [house-0]: severity must be one of info, warning, error, not 'fatal'",
        f"scorer: error: {bad}:13 [house-1]: unknown category 'style'; expected one of anonymity, attribution, claims, hedging, headline, fairness",
        f"scorer: error: {bad}:24 [house-2]: unknown field 'colour' (see `scorer rules fields` for the fields rules can read)",
        f"scorer: error: {bad}:35 [house-3]: message placeholder {{txt}} is not a field of the facts",
    ]


def test_rules_check_reports_every_problem_of_one_rule_at_once(tmp_path):
    rule = HOUSE_RULE
    for change in [
        ('"info"', '"fatal"'),
        ('"attribution"', '"style"'),
        ("kind == 'hedge'", "colour == 'red'"),
        ("'{text}'", "'{txt}'"),
    ]:
        rule = rule.replace(*change)
    bad = write(tmp_path / "bad.toml", rule)
    result = run("rules", "check", str(bad))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"scorer: error: {bad}:2 [house-test]: unknown category 'style'; expected one of anonymity, attribution, claims, hedging, headline, fairness",
        f"scorer: error: {bad}:2 [house-test]: severity must be one of info, warning, error, not 'fatal'",
        f"scorer: error: {bad}:2 [house-test]: message placeholder {{txt}} is not a field of the facts",
        f"scorer: error: {bad}:2 [house-test]: unknown field 'colour' (see `scorer rules fields` for the fields rules can read)",
    ]


def test_rules_check_reports_a_duplicate_id_as_well_as_a_broken_rule(tmp_path):
    broken = HOUSE_RULE.replace("house-test", "house-broken").replace("-1", "'five'")
    bad = write(tmp_path / "bad.toml", "\n".join([HOUSE_RULE, broken, HOUSE_RULE]))
    result = run("rules", "check", str(bad))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"scorer: error: {bad}:13 [house-broken]: 'points' must be a number",
        f"scorer: error: {bad}:24 [house-test]: rule id 'house-test' is also defined at {bad}:2",
    ]


def test_rules_check_fails_a_rule_its_own_example_does_not_trigger(tmp_path):
    # No hedge, but a dated claim nobody is on record for: another rule fires instead.
    silent = write(
        tmp_path / "house.toml", HOUSE_RULE + 'example = "The minister resigned in 2019."\n'
    )
    result = run("rules", "check", str(silent))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"scorer: error: {silent}:2 [house-test]: its example does not trigger it (the example "
        "is audited as news with this file's rules and the shipped packs; it finds only "
        "unattributed-lede)\n"
    )


def test_rules_check_passes_a_rule_its_own_example_triggers(tmp_path):
    example = 'example = "The minister may perhaps resign, officials said."\n'
    derives = HOUSE_WITHOUT_EXAMPLE.replace('message = "{doc.hedges} hedges"\n', "").replace(
        "points = -1\n", ""
    )  # makes a fact, no finding: its example, if any, is not run
    good = write(tmp_path / "good.toml", HOUSE_RULE + example + derives + example)
    result = run("rules", "check", str(good))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{good}: ok (2 rules, 1 example fires)\n"
    assert result.stderr == ""


def test_rules_check_needs_a_file():
    assert run("rules", "check").returncode == 2


# rules fields


def test_rules_fields_lists_every_field_with_its_type():
    from scorer.engine.fields import DOC_METRICS, SIGNAL_FIELDS

    result = run("rules", "fields")
    assert result.returncode == 0, result.stderr
    flat = squeezed(result.stdout)
    names = {line.split()[0] for line in flat if line and not line.endswith(":")}
    assert set(SIGNAL_FIELDS) <= names
    assert {f"doc.{name}" for name in DOC_METRICS} <= names
    assert "kind string the signal kind" in flat
    assert "source.described bool an anonymous source has a role or side given" in flat
    assert "doc.hedges_per_1000 number hedges per 1,000 words of copy" in flat
    assert "status string claim status" in flat
    assert "one of: attributed, unattributed, hedged, unverified" in flat
    assert any(line.startswith("hedge_heavy bool derived by hedge-density (") for line in flat)


# explain


def test_explain_shows_the_rule_firing_on_its_example():
    result = run("explain", "anonymous-source-undescribed")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "anonymous-source-undescribed: Anonymous source with no description"
    assert lines[1] == (
        "checks:   kind == 'attribution' and source.type == 'anonymous' and not source.described"
        " and cue.verb != 'stance'"
    )
    assert lines[2] == "          (on each signal)"
    assert lines[3].startswith("costs:    -3 per finding, at most -6 a document; severity warning")
    assert any(line.startswith("why:      Readers cannot weigh a source") for line in lines)
    assert "example:  A source said the general had left the country." in lines
    assert (
        "result:   fires (-3): 'A source' is anonymous, with no agency, side or role given"
    ) in lines
    assert lines[-1] == f"          (audited with the {DEFAULT_ENGINE} engine)"


def test_explain_says_so_when_a_rule_does_not_fire_on_its_example(tmp_path):
    # No hedge, but a dated claim nobody is on record for: another rule fires instead.
    # ("The minister resigned on Tuesday." alone is no claim to the claims model.)
    write(
        tmp_path / "house.toml",
        HOUSE_RULE + 'example = "The minister resigned in 2019."\n',
    )
    config = write(tmp_path / ".scorer.toml", 'rules = ["house.toml"]\n')
    result = run("explain", "house-test", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert "result:   does not fire on its own example (found instead: unattributed-lede)" in (
        result.stdout.splitlines()
    )


def test_explain_of_a_rule_with_no_example(tmp_path):
    rules = write(tmp_path / "house.toml", HOUSE_WITHOUT_EXAMPLE)
    config = write(tmp_path / ".scorer.toml", f'rules = ["{rules.name}"]\n')
    result = run("explain", "house-hedge-heavy", "--config", str(config))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "derives:  'house_hedged', a fact other rules can read" in lines
    assert lines[-1] == "example:  none given"


HOUSE_WITHOUT_EXAMPLE = """
[[rule]]
id = "house-hedge-heavy"
title = "Any hedge at all"
category = "hedging"
severity = "info"
scope = "document"
when = "doc.hedges >= 1"
points = -1
message = "{doc.hedges} hedges"
derive = "house_hedged"
why = "House style: say who knows."
"""


def test_explain_of_an_unknown_id_suggests_the_close_one():
    result = run("explain", "anonymous-source-undescribd")
    assert result.returncode == 2
    assert result.stderr == (
        "scorer: error: no rule with id 'anonymous-source-undescribd'; "
        "did you mean 'anonymous-source-undescribed'?\n"
    )


@pytest.mark.parametrize("command", [("rules", "show"), ("explain",)])
def test_an_id_is_required(command):
    assert run(*command).returncode == 2
