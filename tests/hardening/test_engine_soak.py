"""10,000 documents through one process: no crash, no memory growth, no state carried from
one document to the next.

durable-rules keeps sessions in C (its 1,024-session limit is passed ten times over), the
lexicons cache per configuration, and documents memoise their detectors: any of these could
leak or grow. Every tenth document is audited under a house configuration whose lexicon
adds a hedge, so a leak of configuration state would show in the plain documents after it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import scorer
from scorer.engine import durable
from tests.conftest import ROOT

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
    "On the face of it the talks will resume, officials said.",
]
HOUSE = {"lexicons": {"hedges": {"epistemic": ["on the face of it"]}}}
DOCUMENTS = 10_000
WARM_UP = 1_000
GROWTH_LIMIT_KB = 8_000  # peak RSS after the warm-up may grow this much (measured: 1.8 MB)


def document(n: int) -> str:
    picked = [SENTENCES[(n * 7 + k * 3) % len(SENTENCES)] for k in range(1 + n % 7)]
    return "\n\n".join(s.format(n=n) for s in picked)


def config(n: int) -> dict[str, object]:
    return {"engine": "durable-rules", **(HOUSE if n % 10 == 3 else {})}


def findings(n: int) -> list[list[object]]:
    audit = scorer.audit(document(n), config=config(n))
    return [[f.rule, f.start, f.end, f.points] for f in audit.findings] + [[audit.score]]


def peak_rss_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux


def soak() -> dict[str, object]:
    """The 10,000 documents in this process: the growth of its peak RSS after the warm-up,
    and every document's findings."""
    in_one = []
    for n in range(DOCUMENTS):
        in_one.append(findings(n))
        if n == WARM_UP:
            warmed = peak_rss_kb()
    return {"growth": peak_rss_kb() - warmed, "findings": in_one}


def _python(code: str, *args: str) -> object:
    fresh = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(fresh.stdout)


def test_ten_thousand_documents_in_one_process_match_fresh_processes_and_do_not_grow():
    # The soak runs in a process of its own: the peak RSS of a test runner's process also
    # holds whatever the tests before it left there (measured: 1.8 MB alone, 11 MB after
    # other tests in the same pytest-xdist worker).
    soaked = _python(
        "import json; from tests.hardening.test_engine_soak import soak; print(json.dumps(soak()))"
    )
    growth, in_one = soaked["growth"], soaked["findings"]  # type: ignore[index]
    assert growth < GROWTH_LIMIT_KB, f"peak RSS grew {growth} KB over {DOCUMENTS - WARM_UP} docs"

    samples = [0, 1, 2, 3, 4, 13, 23, 24, 1023, 1024, 1025, 5003, 5004, 9998, 9999]
    code = (
        "import json, sys; from tests.hardening.test_engine_soak import findings; "
        "print(json.dumps([findings(int(n)) for n in sys.argv[1:]]))"
    )
    assert _python(code, *map(str, samples)) == [in_one[n] for n in samples]
    assert len({json.dumps(f) for f in in_one}) > 50  # the documents differ


def test_the_house_hedge_counts_only_under_its_configuration():
    """The soak's configurations do differ: "On the face of it" (in 286 of the documents
    audited under HOUSE, the first of them number 23) is a hedge only under HOUSE."""
    assert sum("On the face of it" in document(n) for n in range(3, DOCUMENTS, 10)) == 286
    house = scorer.audit(document(23), config=config(23)).signals
    hedges = [s.text for s in house if s.kind == "hedge"]
    plain = [s.text for s in scorer.audit(document(23)).signals if s.kind == "hedge"]
    assert "On the face of it" in hedges
    assert "On the face of it" not in plain
