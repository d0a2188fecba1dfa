"""No input makes scorer's time grow faster than its length.

A regular expression that backtracks catastrophically, or a loop that rescans a sentence
once per cue, shows as time growing with the square of the input, or worse. Each case
here times a piece of work on an adversarial input of size n and of size 4n: linear work
takes about 4 times as long, quadratic work 16 times. A case fails when 4n costs more than
`BOUND` times n, or more than its absolute ceiling.

Timing on a busy two-core machine is noisy, so each cost is the least CPU time
(`time.process_time`) of a few runs with the garbage collector paused, a case that fails by
a little is measured again before it is believed, and below `FLOOR` (too fast to tell, or
to matter) no ratio is asked for.
"""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

FACTOR = 4
BOUND = 10.0  # 4x the input may cost at most 10x the time: quadratic would be 16x
FLOOR = 0.02  # seconds: a big input this fast passes whatever the ratio
CEILING = 3.0  # seconds: no case may take longer at 4n, however linear
ATTEMPTS = 3


def cost(work: Callable[[Any], object], prepare: Callable[[], Any], repeats: int = 3) -> float:
    """The least CPU time of `work(prepare())` over `repeats` runs; `prepare` is not timed."""
    best = float("inf")
    for _ in range(repeats):
        arg = prepare()
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            work(arg)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def assert_linear(
    work: Callable[[Any], object],
    make: Callable[[int], Any],
    n: int,
    *,
    ceiling: float = CEILING,
    prepare: Callable[[Any], Any] = lambda x: x,
) -> tuple[float, float]:
    """Time `work(prepare(make(n)))` and `work(prepare(make(4n)))`; fail if superlinear.

    Returns the two times, for a report.
    """
    small, big = make(n), make(FACTOR * n)
    work(prepare(small))  # warm: imports, compiled lexicon patterns, caches
    t1 = t4 = 0.0
    for _ in range(ATTEMPTS):
        t1 = cost(work, lambda: prepare(small))
        t4 = cost(work, lambda: prepare(big))
        allowed = min(max(BOUND * t1, FLOOR), ceiling)
        if t4 <= allowed:
            return t1, t4
        if t4 > 2 * allowed:
            break  # no noise: measuring again would only take long to say so
    ratio = t4 / t1 if t1 else float("inf")
    raise AssertionError(
        f"n={n}: {t1 * 1000:.1f} ms, {FACTOR}n: {t4 * 1000:.1f} ms "
        f"(ratio {ratio:.1f}, bound {BOUND}, ceiling {ceiling} s)"
    )


def _pattern_work(pattern: re.Pattern[str]) -> Callable[[str], object]:
    return lambda text: sum(1 for _ in pattern.finditer(text))


# Regressions: each was quadratic, in the pattern or the loop named.


def test_question_feature_of_claims_is_linear():
    """claims.toml `question` was `\\?\\s*["”’]?\\s*$`: a question mark before a long run of
    spaces tried every split of the run between the two `\\s*`."""
    from scorer.detectors.claims import model

    (question,) = [f.pattern for f in model().features if f.id == "question"]
    assert_linear(_pattern_work(question), lambda n: "why?" + " " * n + "x", 4000)


def test_conjunction_tail_of_attribution_is_linear():
    """`.sub` of `[\\s,;]*(?:and|but...)?$` tried every position of a run of spaces or commas
    inside a content, each scanning to the run's end."""
    from scorer.detectors.attribution import _CONJUNCTION_TAIL

    for run in (" ", ", ", ";\t"):
        assert_linear(
            lambda text: _CONJUNCTION_TAIL.sub("", text), lambda n, r=run: "a" + r * n + "b", 4000
        )


_TAIL_PIECES = st.sampled_from(
    [
        " ",
        ",",
        ";",
        "\n",
        "\t",
        "\u00a0",
        "and",
        "AND",
        "or",
        "as",
        "but",
        "while",
        "band",
        "x",
        "ſ",
        ".",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TAIL_PIECES, max_size=12).map("".join))
def test_conjunction_tail_cuts_what_it_cut(text):
    from scorer.detectors.attribution import _CONJUNCTION_TAIL

    old = re.compile(r"[\s,;]*(?:\b(?:and|but|while|as|or)\b[\s,]*)?$", re.I)
    assert _CONJUNCTION_TAIL.sub("", text) == old.sub("", text)


def _document(text: str) -> Any:
    from scorer.load import load_string

    return load_string(text)


@pytest.mark.parametrize(
    ("unit", "n"),
    [("said ", 2000), ("He said ", 1000), ("officials said, ", 600), ("according to ", 2000)],
)
def test_attribution_of_a_sentence_of_cues_is_linear(unit, n):
    """Each cue looked for its token by a scan from the sentence's first token."""
    from scorer.detectors import attribution

    assert_linear(attribution.detect, lambda k: unit * k, n, prepare=_document)


@pytest.mark.parametrize(("unit", "n"), [("reportedly ", 1000), ("said ", 1000)])
def test_facts_of_a_sentence_of_signals_are_linear(unit, n):
    """Each signal's fact looked through every signal of its sentence."""
    from scorer.detectors import detect
    from scorer.engine import facts

    def signals(text: str) -> tuple[Any, list[Any]]:
        doc = _document(text)
        return doc, detect(doc)

    assert_linear(lambda ds: facts.build(*ds), lambda k: unit * k, n, prepare=signals)


def test_hedges_of_a_sentence_of_mays_are_linear():
    """Each capitalised "May" asked whether its whole sentence is in title case."""
    from scorer.detectors import hedges

    assert_linear(hedges.detect, lambda k: "It May " * k, 1000, prepare=_document)


def test_attribution_of_a_sentence_of_unclosed_brackets_is_linear():
    """Each `)` before a cue walked back to the sentence's start for its `(`."""
    from scorer.detectors import attribution

    assert_linear(attribution.detect, lambda k: "a ) said " * k, 1000, prepare=_document)


@pytest.mark.parametrize(("unit", "n"), [("he said that ", 2000), ("told Reuters ", 2000)])
def test_attribution_contents_of_a_sentence_of_cues_are_linear(unit, n):
    """Each content sliced and split the rest of its sentence before it was cut at the
    next cue."""
    from scorer.detectors import attribution

    assert_linear(attribution.detect, lambda k: unit * k, n, prepare=_document)


@pytest.mark.parametrize(
    ("make", "n"),
    [
        (lambda k: "he claimed it; " * k, 1000),  # each stance asks: inside a content?
        (lambda k: "he claimed it, but " * k, 1000),
        (lambda k: "it is said " * k + "he told " * k, 500),  # inside a sourceless cue?
        (lambda k: "it is said " * k + "and said " * k, 500),  # the last named source?
        (lambda k: "he said " * k + "Smith: " * k, 1000),  # a colon covered by a cue?
        (lambda k: "he said " * k + "in an interview with The Times " * k, 1000),
    ],
    ids=["stance-semicolons", "stance-but", "sourceless", "and-said", "colons", "borrowed"],
)
def test_attribution_questions_about_earlier_cues_are_linear(make, n):
    """Each cue looked through every attribution of its sentence found before it."""
    from scorer.detectors import attribution

    assert_linear(attribution.detect, make, n, prepare=_document)


def test_attribution_subject_of_a_sentence_of_cues_is_found_once():
    """Each cue with no source of its own walked the sentence's opening run of capitalised
    words, which has no bound (here to find it is no source: "Some" cannot start one)."""
    from scorer.detectors import attribution

    assert_linear(
        attribution.detect, lambda k: "Some " + "Aaaa " * k + "said " * k, 1000, prepare=_document
    )


def test_rule_file_of_blank_lines_is_placed_in_linear_time(tmp_path):
    """`^\\s*\\[\\[rule\\]\\]` and `^\\s*id\\s*=` ran over line breaks: a run of blank lines was
    scanned from each of its line starts."""
    from scorer.engine.rulefile import load_scoring, parse_rule_file

    rule = (
        '[[rule]]\nid = "house-hedge"\ntitle = "Hedge"\ncategory = "hedging"\n'
        'severity = "info"\nscope = "signal"\nwhen = "kind == \'hedge\'"\npoints = -1\n'
        'message = "hedge"\nwhy = "House style."\n'
    )
    scoring = load_scoring()

    def write(k: int) -> Any:
        path = tmp_path / f"house-{k}.toml"
        path.write_text(" \n" * k + rule.replace("[[rule]]\n", "[[rule]]\n" + "\n" * k))
        return path

    assert_linear(lambda path: parse_rule_file(path, scoring), write, 20000)
