"""Every shipped rule fires on its own `example`, as `scorer explain` shows it.

A rule's example is the sentence (for a document rule, the short document) an editor reads
to see what the rule is for; one that no longer fires means the rule, its example or a
detector has drifted.
"""

from __future__ import annotations

import pytest

import scorer
from scorer.config import Config
from scorer.scoring.audit import rule_set

RULES = rule_set().rules


def test_every_shipped_rule_has_an_example():
    assert [rule.id for rule in RULES if not rule.example] == []


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_a_shipped_rule_fires_on_its_example(rule):
    audit = scorer.audit(rule.example, config=Config(engine="python", genre="news"))
    fired = [f for f in audit.findings if f.rule == rule.id]
    assert fired, f"{rule.id} did not fire on: {rule.example!r}"
    # A document rule's example is a document: its finding judges the whole of it.
    assert all(f.whole_document == (rule.scope == "document") for f in fired)
