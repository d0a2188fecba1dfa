"""durable-rules holds no state between documents: 5,000 audits in one process (past its
1,024-session limit) give the findings fresh processes give."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import scorer
from scorer.engine import durable

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not durable.available(), reason="durable-rules is not installed"),
]

SENTENCES = [
    "A source said the general had fled.",
    "Critics say the plan will fail.",
    "It is believed he was dismissed.",
    "The minister has reportedly resigned.",
    "“We will appeal,” said Jane Smith, the mayor.",
    "The company did not respond to requests for comment.",
    "Police arrested {n} people on Tuesday.",
    "Unemployment rose to {n}.5 per cent.",
]


def document(n: int) -> str:
    picked = [SENTENCES[(n * 7 + k * 3) % len(SENTENCES)] for k in range(1 + n % 6)]
    return "\n\n".join(s.format(n=n) for s in picked)


def findings(text: str) -> list[list[object]]:
    audit = scorer.audit(text, config={"engine": "durable-rules"})
    return [[f.rule, f.start, f.points] for f in audit.findings] + [[audit.score]]


def test_five_thousand_documents_in_one_process_match_fresh_processes():
    in_one = [findings(document(n)) for n in range(5000)]
    samples = [0, 1, 2, 1023, 1024, 1025, 2500, 4998, 4999]
    code = (
        "import json, sys; from tests.test_engine_soak import document, findings; "
        "print(json.dumps(findings(document(int(sys.argv[1])))))"
    )
    for n in samples:
        fresh = subprocess.run(
            [sys.executable, "-c", code, str(n)], capture_output=True, text=True, check=True
        )
        assert json.loads(fresh.stdout) == in_one[n], n
    assert len({json.dumps(f) for f in in_one}) > 20  # the documents differ
