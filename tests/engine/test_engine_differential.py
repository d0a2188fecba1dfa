"""durable-rules and the Python evaluator give identical findings: the oracle test.

Run over the seed articles, over generated documents with the shipped rules, and over
generated `when` expressions on the seeds' facts.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scorer
from scorer.config import Config
from scorer.engine import RuleSet, durable, evaluate
from scorer.engine.fields import DOC_METRICS, SIGNAL_FIELDS
from scorer.engine.rulefile import Rule
from scorer.engine.scoring_file import load_scoring
from scorer.scoring import facts as facts_module
from tests.conftest import INDEPENDENT, REWRITE

pytestmark = pytest.mark.skipif(not durable.available(), reason="durable-rules is not installed")

PYTHON = Config(engine="python")
DURABLE = Config(engine="durable-rules")

SENTENCES = [
    "A Western diplomatic official said the general had fled.",
    "Opposition sources say he disagreed with the crackdown.",
    "It's been suggested that the violence can be prevented.",
    "Rumours circulated that he was dismissed.",
    "The minister has reportedly defected to Turkey.",
    "If confirmed, he would be the most senior defector.",
    "\u201cHe is now in Turkey,\u201d Kamal al-Labwani said.",
    "Syrian state television denied that he had left.",
    "An official, who was not authorised to speak publicly, said the talks had failed.",
    "A person who attended the meeting said the vote was delayed.",
    "Critics say the plan will fail.",
    "The company did not respond to requests for comment.",
    "Party insiders accused the minister of lying.",
    "Unemployment rose to 7.5 per cent in May, the highest since 2009.",
    "The general may have fled across the border.",
    "Multiple sources tell Reuters that he is in Turkey.",
    "Police arrested 12 people on Tuesday.",
    "Is this the end of the regime?",
]


def findings(audit: scorer.Audit) -> list[tuple[object, ...]]:
    return [
        (f.rule, f.start, f.end, f.points, f.message, f.severity, f.line, f.column)
        for f in audit.findings
    ]


@pytest.mark.parametrize("path", [INDEPENDENT, REWRITE], ids=["independent", "rewrite"])
def test_the_two_engines_agree_on_the_seed_articles(path):
    python = scorer.audit_file(str(path), config=PYTHON)
    durable_run = scorer.audit_file(str(path), config=DURABLE)
    assert (python.engine, durable_run.engine) == ("python", "durable-rules")
    assert findings(python) == findings(durable_run)
    assert python.score == durable_run.score
    assert len(python.findings) > 10


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=12),
    st.lists(st.integers(0, 3), min_size=1, max_size=12),
    st.sampled_from(["", "General deserts Damascus", "Minister may resign, sources say"]),
)
def test_the_two_engines_agree_on_generated_documents(picked, breaks, title):
    parts = []
    for n, sentence in enumerate(picked):
        parts.append(sentence)
        parts.append("\n\n" if breaks[n % len(breaks)] == 0 else " ")
    text = "".join(parts).strip()
    python = scorer.audit(text, title=title, config=PYTHON)
    durable_run = scorer.audit(text, title=title, config=DURABLE)
    assert findings(python) == findings(durable_run)
    assert python.score == durable_run.score


def _comparisons() -> st.SearchStrategy[str]:
    strings = [(p, f) for p, f in SIGNAL_FIELDS.items() if f.type == "str" and f.values]
    numbers = [f"doc.{name}" for name, f in DOC_METRICS.items() if f.type == "num"]
    booleans = [p for p, f in SIGNAL_FIELDS.items() if f.type == "bool"]
    return st.one_of(
        st.sampled_from(strings).flatmap(
            lambda pf: st.sampled_from(pf[1].values).map(lambda v: f"{pf[0]} == '{v}'")
        ),
        st.sampled_from(strings).flatmap(
            lambda pf: st.lists(st.sampled_from(pf[1].values), min_size=1, max_size=3).map(
                lambda vs: f"{pf[0]} not in [{', '.join(repr(v) for v in vs)}]"
            )
        ),
        st.tuples(
            st.sampled_from(numbers),
            st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
            st.integers(0, 20),
        ).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.sampled_from(booleans),
    )


def _expressions() -> st.SearchStrategy[str]:
    return st.recursive(
        _comparisons(),
        lambda inner: st.one_of(
            inner.map(lambda e: f"not ({e})"),
            st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(
                lambda t: f"({t[0]}) {t[1]} ({t[2]})"
            ),
        ),
        max_leaves=6,
    )


_SEED_FACTS: list[facts_module.Facts] = []


def _seed_facts() -> list[facts_module.Facts]:
    if not _SEED_FACTS:
        for path in (INDEPENDENT, REWRITE):
            audit = scorer.audit_file(str(path), config=PYTHON)
            _SEED_FACTS.append(facts_module.build(audit.document, audit.signals))
    return _SEED_FACTS


@settings(max_examples=80, deadline=None)
@given(st.lists(_expressions(), min_size=1, max_size=4))
def test_the_two_engines_agree_on_generated_conditions(conditions):
    from scorer.engine import expr

    rules = [
        Rule(
            id=f"generated-{n}",
            title="generated",
            category="attribution",
            severity="info",
            scope="signal",
            when_source=source,
            when=expr.normal_form(expr.parse(source)),
            why="test",
            message="m",
        )
        for n, source in enumerate(conditions)
    ]
    ruleset = RuleSet.of(rules, load_scoring())
    for built in _seed_facts():
        python_hits = [(h.rule.id, h.fact) for h in evaluate(ruleset, built, "python")]
        durable_hits = [(h.rule.id, h.fact) for h in evaluate(ruleset, built, "durable-rules")]
        assert python_hits == durable_hits
        _GENERATED_HITS.append(len(python_hits))


_GENERATED_HITS: list[int] = []


def test_generated_conditions_do_fire_so_the_comparison_means_something():
    """Run after the hypothesis test (file order): most generated rule sets matched facts."""
    assert len(_GENERATED_HITS) >= 80
    assert sum(1 for n in _GENERATED_HITS if n) > len(_GENERATED_HITS) // 3


def test_every_seed_fact_carries_the_schema_type_of_its_field():
    """The engines agree only on schema-typed values (durable-rules takes `true == 1`)."""
    kinds = {"str": str, "num": (int, float), "bool": bool}
    for built in _seed_facts():
        for fact in (built.document, *built.signals):
            for key, value in fact.items():
                path = key.replace("__", ".")
                spec = (
                    DOC_METRICS.get(path[4:])
                    if path.startswith("doc.")
                    else SIGNAL_FIELDS.get(path)
                )
                if spec is None:
                    continue
                assert isinstance(value, kinds[spec.type]), (key, value)
                assert spec.type != "num" or not isinstance(value, bool), (key, value)
                assert not spec.values or value in spec.values, (key, value)


def test_a_layer_durable_rules_refuses_is_evaluated_in_python_with_the_same_hits(monkeypatch):
    """durable-rules knows a fact by a hash of its content: on a 1.2 MB article two facts
    collided and the second was refused (MessageObservedException), 1 run in 2."""
    from durable import engine

    from scorer.scoring.audit import rule_set

    ruleset = rule_set()
    built = _seed_facts()[1]
    expected = [(h.rule.id, h.fact) for h in evaluate(ruleset, built, "python")]
    calls = []

    def refuse(self, ruleset_name, message):
        calls.append(message["i"])
        raise engine.MessageObservedException(message)

    monkeypatch.setattr(engine.Host, "assert_fact", refuse)
    refused = [(h.rule.id, h.fact) for h in evaluate(ruleset, built, "durable-rules")]
    assert calls  # durable-rules was asked, and refused every layer
    assert refused == expected
    assert len(expected) == 25  # the rewrite seed: one hit per finding
