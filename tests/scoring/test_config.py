"""Configuration: found upward from the audited file, checked, and applied."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import scorer
from scorer import config
from scorer.errors import ScorerError

ARTICLE = "Critics say the plan will fail. The minister has reportedly resigned.\n"


def rules_of(audit: scorer.Audit) -> list[str]:
    return [f.rule for f in audit.findings]


def test_the_nearest_config_applies_and_dot_scorer_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.scorer]\ndisable = ["vague-attribution"]\n'
    )
    nested = tmp_path / "desk" / "drafts"
    nested.mkdir(parents=True)
    article = nested / "story.txt"
    article.write_text(ARTICLE)
    assert config.find(article) == tmp_path / "pyproject.toml"
    assert "vague-attribution" not in rules_of(scorer.audit_file(str(article)))
    (tmp_path / "desk" / ".scorer.toml").write_text('disable = ["reportedly-without-source"]\n')
    assert config.find(article) == tmp_path / "desk" / ".scorer.toml"
    found = rules_of(scorer.audit_file(str(article)))
    assert "vague-attribution" in found
    assert "reportedly-without-source" not in found


def test_a_pyproject_without_tool_scorer_is_passed_over(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "pyproject.toml").write_text('[project]\nname = "y"\n')
    (tmp_path / ".scorer.toml").write_text("disable = []\n")
    assert config.find(tmp_path / "desk") == tmp_path / ".scorer.toml"


def test_an_edited_config_file_is_read_again(tmp_path):
    path = tmp_path / ".scorer.toml"
    path.write_text('disable = ["vague-attribution"]\n')
    assert config.load(path).disable == ("vague-attribution",)
    path.write_text('disable = ["speculation"]\n')
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert config.load(path).disable == ("speculation",)


def test_one_document_audited_under_two_configs_gets_each_configs_lexicon(tmp_path):
    path = tmp_path / ".scorer.toml"
    path.write_text('[lexicons.hedges]\nepistemic = ["by our reckoning"]\n')
    doc = scorer.document_from_text("By our reckoning the minister resigned.")
    from scorer.scoring.audit import audit_document

    shipped = [s.kind for s in audit_document(doc).signals]
    house = [s.kind for s in audit_document(doc, config.load(path)).signals]
    assert ("hedge" in shipped, "hedge" in house) == (False, True)


def test_house_accusation_words_count_in_the_document_metrics(tmp_path):
    path = tmp_path / ".scorer.toml"
    path.write_text('[lexicons.accusations]\naccusation = ["smeared"]\n')
    text = "The minister smeared his rival on Tuesday, Jane Smith said."
    shipped = scorer.audit(text, config={"engine": "python"})
    house = scorer.audit(text, config=path)
    assert "no-right-of-reply" not in [f.rule for f in shipped.findings]
    assert "no-right-of-reply" in [f.rule for f in house.findings]


def test_overrides_change_severity_and_points(tmp_path):
    path = tmp_path / ".scorer.toml"
    path.write_text('[rule.vague-attribution]\nseverity = "error"\npoints = -7\ncap = -7\n')
    audit = scorer.audit(ARTICLE, config=path)
    (vague,) = [f for f in audit.findings if f.rule == "vague-attribution"]
    assert (vague.severity, vague.points) == ("error", -7.0)


def test_extra_rule_files_are_relative_to_the_config(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "rules.toml").write_text(
        '[[rule]]\nid = "house-reportedly"\ntitle = "t"\ncategory = "hedging"\n'
        'severity = "error"\nscope = "signal"\nwhen = "kind == \'hedge\'"\npoints = -1\n'
        'message = "no {text} here"\nwhy = "House style."\n'
    )
    (tmp_path / ".scorer.toml").write_text('rules = ["house/rules.toml"]\n')
    audit = scorer.audit(ARTICLE, config=tmp_path / ".scorer.toml")
    (house,) = [f for f in audit.findings if f.rule == "house-reportedly"]
    assert house.message == "no reportedly here"


def test_house_lexicon_entries_are_added_for_the_audit_only(tmp_path):
    path = tmp_path / ".scorer.toml"
    # A phrase neither the shipped lexicon nor the model reads as a hedge.
    path.write_text('[lexicons.hedges]\nepistemic = ["by our reckoning"]\n')
    text = "By our reckoning the minister resigned."
    house = [s.text for s in scorer.audit(text, config=path).signals if s.kind == "hedge"]
    shipped = [s.text for s in scorer.audit(text).signals if s.kind == "hedge"]
    assert (house, shipped) == (["By our reckoning"], [])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("colour = true\n", "colour: unknown key; expected one of rules, disable"),
        ("disable = 'vague-attribution'\n", "disable: must be a list of non-empty strings"),
        ("disable = ['no-such-rule']\n", "disable: no rule with id 'no-such-rule'"),
        ("disable = ['hedge-density']\n", "'hedge-density' derives 'hedge_heavy'"),
        ("engine = 'drools'\n", "engine: must be one of durable-rules, python, not 'drools'"),
        ("rules = ['missing.toml']\n", "rules: rule file not found"),
        ("[rule.vague-attribution]\nweight = 2\n", "rule.vague-attribution.weight: cannot be"),
        ("[rule.vague-attribution]\npoints = 'x'\n", "rule.vague-attribution.points: must be a"),
        ("[rule.vague-attribution]\ncap = 5\n", "'cap' must have the same sign as 'points'"),
        ("[rule.nope]\npoints = 1\n", "rule.nope: no rule with that id"),
        ("[rule.vague-attribution]\npoints = -1000\n", "must lie between -100 and 100"),
        ("[lexicons.slang]\nx = ['a']\n", "lexicons.slang: unknown lexicon"),
        ("[lexicons.hedges]\nmaybe = ['a']\n", "lexicons.hedges.maybe: unknown type"),
        ("[lexicons.hedges]\nreporting = ['may']\n", "'may' is listed as both"),
        ("[lexicons.hedges]\nreporting = ['_ said']\n", "must start with a plain word"),
        ("disable = [\n", "invalid TOML"),
    ],
)
def test_each_config_mistake_names_the_file_and_the_key(tmp_path, text, problem):
    path = tmp_path / ".scorer.toml"
    path.write_text(text)
    with pytest.raises(ScorerError, match=re.escape(problem)) as raised:
        scorer.audit(ARTICLE, config=path)
    assert raised.value.path == str(path)


def test_pyproject_keys_are_named_with_their_table(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.scorer]\ncolour = true\n")
    with pytest.raises(ScorerError, match=re.escape("tool.scorer.colour: unknown key")):
        config.load(Path(path))


def test_a_mapping_or_a_config_object_is_accepted():
    audit = scorer.audit(ARTICLE, config={"disable": ["vague-attribution"], "engine": "python"})
    assert audit.engine == "python"
    assert "vague-attribution" not in rules_of(audit)
    with pytest.raises(ScorerError, match="config must be a Config, a path or a mapping"):
        scorer.audit(ARTICLE, config=42)


def test_check_thresholds_and_ci_outputs_are_config_keys():
    from scorer.config import from_mapping

    config = from_mapping(
        {"fail-under": 70, "fail-on": "warning", "diff": "origin/main...", "annotations": 5,
         "annotate-info": True}
    )  # fmt: skip
    assert (config.fail_under, config.fail_on, config.diff) == (70.0, "warning", "origin/main...")
    assert (config.annotations, config.annotate_info) == (5, True)


@pytest.mark.parametrize(
    ("table", "error"),
    [
        ({"fail-under": 101}, "<config>: fail-under: must be a score from 0 to 100"),
        ({"fail-under": True}, "<config>: fail-under: must be a score from 0 to 100"),
        (
            {"fail-on": "fatal"},
            "<config>: fail-on: must be one of none, info, warning, error, not 'fatal'",
        ),
        ({"diff": ""}, '<config>: diff: must be a git ref, e.g. "origin/main..."'),
        ({"annotations": 0}, "<config>: annotations: must be a whole number, 1 or more"),
        ({"annotate-info": "yes"}, "<config>: annotate-info: must be true or false"),
    ],
)
def test_a_bad_check_setting_names_its_key(table, error):
    from scorer.config import from_mapping

    with pytest.raises(ScorerError) as caught:
        from_mapping(table)
    assert str(caught.value) == error
