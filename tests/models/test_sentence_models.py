"""The shipped sentence models: plain-data files, scored in pure Python, deciding the
sentences an editor would expect and pointing at the words that carried the decision."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scorer.detectors import lexicon
from scorer.models import linear
from scorer.models import sentence_features as sf

MODELS = Path(linear.__file__).resolve().parent
ROOT = MODELS.parents[1]


def words_of(text: str, evidence: tuple[linear.Evidence, ...]) -> list[str]:
    return [text[a:b] for e in evidence for a, b in e.spans]


def claim_extras(text: str) -> list[sf.Extra]:
    return sf.rule_extras(text, ("claims",))


# -- the files ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["uncertainty", "claims"])
def test_model_file_is_plain_json_of_the_documented_shape(name):
    data = json.loads((MODELS / f"{name}.json").read_text(encoding="utf-8"))
    assert data["format"] == "scorer-linear-model"
    assert data["format_version"] == 1
    assert data["name"] == name
    assert isinstance(data["bias"], float)
    assert 0.0 < data["threshold"] < 1.0
    assert all(isinstance(k, str) and isinstance(v, float) for k, v in data["weights"].items())
    features = data["features"]
    assert features["version"] == sf.FEATURE_VERSION
    assert set(features) == {"version", "ngram_max", "lexicons", "shapes", "rules"}
    for feature, phrases in features["lexicons"].items():
        assert feature.startswith("lex:") and feature in data["weights"]
        assert phrases and all(isinstance(p, str) for p in phrases)
    training = data["training"]
    assert training["command"] == "python -m scorer.train sentences"
    assert isinstance(training["seed"], int)


@pytest.mark.parametrize("name", ["uncertainty", "claims"])
def test_model_is_small_and_has_its_card(name):
    size = (MODELS / f"{name}.json").stat().st_size
    assert size < 80_000
    model = linear.load(name)
    assert 100 < len(model.weights) <= 1000 + len(model.spec.lexicons)
    card = (MODELS / f"{name}.md").read_text(encoding="utf-8")
    for heading in ("## Data and licence", "## Features", "## Training", "## Metrics"):
        assert heading in card


@pytest.mark.parametrize("name", ["uncertainty", "claims"])
def test_model_round_trips_through_its_dict(name):
    model = linear.load(name)
    again = linear.Model.from_dict(json.loads(json.dumps(model.to_dict())))
    assert again.weights == model.weights
    assert again.bias == model.bias and again.threshold == model.threshold
    assert again.spec.to_dict() == model.spec.to_dict()


def test_load_reads_each_file_once():
    assert linear.load("uncertainty") is linear.load("uncertainty")


def test_a_file_of_another_format_is_refused():
    with pytest.raises(ValueError, match="scorer-linear-model"):
        linear.Model.from_dict({"format": "pickle"})


def test_run_time_imports_no_numpy_or_scikit_learn():
    code = (
        "import sys\n"
        "from scorer.models import linear\n"
        "d = linear.score(linear.load('uncertainty'), 'The minister may resign.')\n"
        "d.evidence\n"
        "linear.score(linear.load('claims'), 'Unemployment rose to 5.2 per cent.')\n"
        "print(sorted(m for m in ('numpy', 'scipy', 'sklearn') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- decisions and evidence ---------------------------------------------------------------


def test_a_modal_of_possibility_is_uncertain_on_may():
    text = "The minister may resign."
    decision = linear.score(linear.load("uncertainty"), text)
    assert decision.positive
    assert "may" in words_of(text, decision.evidence)
    assert linear.uncertainty_kind(decision) == linear.Kind(
        "hedge", "epistemic", (13, 16), "lexicon"
    )


def test_may_the_name_carries_no_weight_for_uncertainty():
    text = "May Department Stores reported a loss."
    decision = linear.score(linear.load("uncertainty"), text)
    pushing = [e for e in decision._present if e[1] > 0]
    covering_may = [f for f, _ in pushing if (0, 3) in decision._analysis.spans(f)]
    assert not decision.positive or not covering_may
    assert "may" not in sf.analyse(text).words


def test_many_experts_believe_is_a_weasel():
    text = "Many experts believe the plan will fail."
    decision = linear.score(linear.load("uncertainty"), text)
    assert decision.positive
    kind = linear.uncertainty_kind(decision)
    assert (kind.kind, kind.type) == ("weasel", "quantifier")
    assert text[slice(*kind.span)] == "Many experts"


@pytest.mark.parametrize(
    ("text", "kind", "type_", "cue"),
    [
        ("The general reportedly left the country.", "hedge", "reporting", "reportedly"),
        (
            "It is widely believed that the talks failed.",
            "weasel",
            "passive_belief",
            "It is widely believed",
        ),
        ("Some critics say the deal could collapse.", "hedge", "epistemic", "could"),
        ("If confirmed, the defection would be a blow.", "hedge", "conditional", "If confirmed"),
    ],
)
def test_hedge_or_weasel_rule(text, kind, type_, cue):
    decision = linear.score(linear.load("uncertainty"), text)
    assert decision.positive
    found = linear.uncertainty_kind(decision)
    assert (found.kind, found.type, text[slice(*found.span)]) == (kind, type_, cue)


@pytest.mark.parametrize(
    "text",
    [
        "The committee met on Tuesday in Brussels.",
        "Smith, 54, was appointed chief executive in 2009.",
    ],
)
def test_plain_statements_are_not_uncertain(text):
    assert not linear.score(linear.load("uncertainty"), text).positive


def test_a_figure_with_a_change_is_a_check_worthy_claim():
    text = "Unemployment rose to 5.2 per cent in March."
    decision = linear.score(linear.load("claims"), text, claim_extras(text))
    assert decision.positive
    assert decision.probability >= linear.load("claims").threshold
    assert "5.2" in words_of(text, decision.evidence)


@pytest.mark.parametrize("text", ["Thank you very much.", "I want to ask you a question?"])
def test_courtesies_and_questions_are_not_claims(text):
    assert not linear.score(linear.load("claims"), text, claim_extras(text)).positive


def test_evidence_of_a_negative_decision_pushes_against_the_class():
    decision = linear.score(linear.load("claims"), "Thank you very much.")
    assert all(e.weight < 0 for e in decision.evidence)


def test_evidence_is_the_largest_contributions_first():
    text = "Rumours circulated that the minister may possibly resign, reportedly."
    evidence = linear.score(linear.load("uncertainty"), text).evidence
    assert 0 < len(evidence) <= linear.EVIDENCE
    weights = [e.weight for e in evidence]
    assert weights == sorted(weights, reverse=True)
    assert all(e.spans for e in evidence)


def test_probability_is_the_sigmoid_of_the_weights():
    model = linear.load("uncertainty")
    text = "The minister may resign."
    z = linear.logit(model, text)
    assert linear.score(model, text).probability == pytest.approx(1 / (1 + math.exp(-z)))


# -- determinism ---------------------------------------------------------------------------


def test_the_same_sentence_gets_the_same_decision_in_every_process():
    code = (
        "from scorer.models import linear\n"
        "for name in ('uncertainty', 'claims'):\n"
        "    print(repr(linear.score(linear.load(name), "
        "'Some critics say the many rumoured talks may have failed in 2011.').probability))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        outputs.add(out.stdout)
    assert len(outputs) == 1


def test_scoring_twice_gives_the_same_decision():
    model = linear.load("uncertainty")
    text = "Analysts say the merger could be delayed."
    first = linear.score(model, text)
    sf.analyse_cache_clear()
    second = linear.score(model, text)
    assert (first.probability, first.positive, first.evidence) == (
        second.probability,
        second.positive,
        second.evidence,
    )


# -- features ------------------------------------------------------------------------------


def test_words_are_normalised():
    analysis = sf.Analysis("It’s 5.2% of $1,000 in 2011, since May 4; may it rain?")
    assert analysis.words == [
        "it's",
        "#num",
        "%",
        "of",
        "$",
        "#num",
        "in",
        "#year",
        "since",
        "#May",
        "#num",
        "may",
        "it",
        "rain",
        "?",
    ]


def test_run_time_features_are_the_training_features_a_model_knows():
    model = linear.load("uncertainty")
    for text in ["It is widely believed he may resign.", "Critics say, reportedly, 5 died."]:
        analysis = sf.Analysis(text)
        trained = sf.features(analysis, model.spec) & model.known
        assert sorted(sf.present(analysis, model.spec, (), model.known)) == sorted(trained)


def test_lexicon_phrases_match_as_the_rule_lexicons_do():
    phrases = ["if _? _ is confirmed", "spread rumo*", "is/are widely/often regarded as", "could"]
    text = "They spread rumours; if the report is confirmed he is widely regarded as it could."
    rule = lexicon.compile_lexicon("test", {"cue": phrases}, "test.toml")
    expected = [text[c.start : c.end] for c in rule.finditer(text)]
    spec = sf.Spec(1, {"lex:test:cue": tuple(phrases)})
    analysis = sf.Analysis(text)
    hits = sf.lexicon_hits(analysis, spec)
    offsets = analysis.offsets
    assert [text[offsets[i][0] : offsets[j - 1][1]] for _, i, j in hits] == expected


def test_extras_come_from_the_signals_of_the_sentence():
    import scorer

    text = "Reportedly, some say the talks failed. The minister resigned in 2009 after 12 years."
    audit = scorer.audit(text, title="")
    second = audit.document.sentences[1]
    signals = [s for s in audit.signals if s.sentence == 1]
    extras = sf.extras_from_signals(signals, second.start, ("claims",))
    assert extras == [("rule:claim", 0, second.end - second.start)]
    first = [s for s in audit.signals if s.sentence == 0]
    hedges = sf.extras_from_signals(first, 0, ("hedges",))
    assert ("rule:hedge:reporting", 0, 10) in hedges


def test_the_shipped_weasel_lexicon_loads_with_its_four_types():
    assert set(lexicon.shipped("weasels").types) == {
        "quantifier",
        "passive_belief",
        "unnamed_authority",
        "peacock",
    }
