"""The pure parts of bench/accuracy.py and bench/datasets.py: no shared data needed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import accuracy  # noqa: E402
import datasets  # noqa: E402
from accuracy import Counts, label_counts, match_spans, overlaps, span_counts  # noqa: E402
from datasets import BratSpan, detokenize_ptb, parse_ann  # noqa: E402


def test_overlap_needs_a_shared_character():
    assert overlaps(((0, 5),), ((4, 6),))
    assert not overlaps(((0, 5),), ((5, 10),))
    assert not overlaps(((5, 10),), ((0, 5),))
    assert not overlaps(((3, 3),), ((0, 10),))
    assert overlaps(((0, 2), (30, 40)), ((35, 36),))


def test_span_matching_counts_predictions_and_gold_separately():
    pred = [((0, 5),), ((10, 20),), ((30, 35),), ((60, 61),)]
    gold = [
        ((4, 6),),  # overlaps the first prediction
        ((12, 14),),  # both inside the second prediction
        ((16, 18),),
        ((40, 45),),  # missed
        ((50, 52), (33, 34)),  # discontinuous: its second fragment overlaps the third prediction
        ((5, 10),),  # touches two predictions without overlapping either
    ]
    pred_hits, gold_hits = match_spans(pred, gold)
    assert pred_hits == [True, True, True, False]
    assert gold_hits == [True, True, True, False, True, False]
    counts = span_counts(pred, gold)
    assert counts == Counts(gold=6, pred=4, pred_matched=3, gold_matched=4)
    assert counts.precision == 0.75
    assert counts.recall == pytest.approx(2 / 3)
    assert counts.f1 == pytest.approx(12 / 17)


def test_label_counts_and_totals():
    counts = label_counts([True, True, False, False, True], [True, False, True, False, True])
    assert counts == Counts(gold=3, pred=3, pred_matched=2, gold_matched=2)
    assert counts.precision == counts.recall == counts.f1 == pytest.approx(2 / 3)
    counts.add(Counts(gold=1, pred=1, pred_matched=1, gold_matched=1))
    assert (counts.precision, counts.recall) == (0.75, 0.75)


def test_no_predictions_has_no_precision_and_zero_f1():
    counts = span_counts([], [((0, 1),)])
    assert counts.precision is None
    assert counts.recall == 0.0
    assert counts.f1 == 0.0
    assert Counts().recall is None


def test_hedge_triggers_are_hedges_and_vague_or_agentless_sources():
    signals = [
        {"id": "a", "kind": "attribution", "source": {"type": "named_person"}},
        {"id": "b", "kind": "attribution", "source": None},
        {"id": "c", "kind": "attribution", "source": {"type": "agentless"}},
        {"id": "d", "kind": "hedge", "type": "epistemic"},
        {"id": "e", "kind": "claim", "status": "hedged"},
    ]
    assert [s["id"] for s in accuracy.hedge_triggers(signals)] == ["c", "d"]
    assert [s["id"] for s in accuracy.claim_triggers(signals)] == ["e"]


def test_predicted_spans_are_deduplicated_and_sorted():
    cue = {"start": 10, "end": 14, "text": "said"}
    signals = [
        {"kind": "attribution", "cue": cue, "source": {"start": 0, "end": 5, "type": "vague"}},
        {"kind": "attribution", "cue": cue, "source": None},
        {"kind": "attribution", "cue": {"start": 2, "end": 4}, "source": {"start": 6, "end": 6}},
        {"kind": "hedge", "start": 1, "end": 3},
    ]
    assert accuracy.cue_spans(signals) == [((2, 4),), ((10, 14),)]
    assert accuracy.source_spans(signals) == [((0, 5),)]


@pytest.mark.parametrize(
    ("ptb", "plain"),
    [
        (
            "The tank was called ` Sturmpanzer' -LRB- roughly `` assault vehicle '' -RRB-.\n",
            "The tank was called 'Sturmpanzer' (roughly \"assault vehicle\").",
        ),
        ("He ca n't even tie his shoes , they say .", "He can't even tie his shoes, they say."),
        (
            "the need to roll back -LSB- Labour 's -RSB- state",
            "the need to roll back [Labour's] state",
        ),
        ("It rose 5 % ; why ? -LCB- odd -RCB- : we 're sure", "It rose 5%; why? {odd}: we're sure"),
        ("They say -- we do n't know -- it 's so ...", "They say -- we don't know -- it's so..."),
    ],
)
def test_ptb_detokeniser(ptb, plain):
    assert detokenize_ptb(ptb) == plain


ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 16 20;11 15\ttax. that\n"
    "E1\tAttribution:T2 Source:T1 Content:T3 Cue:T2\n"
    "A1\tNegated E1\n"
    "R1\tCoref Arg1:T1 Arg2:T2\n"
    "#1\tAnnotatorNotes T1\tsome note\n"
    "\n"
)


def test_brat_parser_keeps_text_bound_spans_only(tmp_path):
    path = tmp_path / "doc_abcd.ann"
    path.write_text(ANN, encoding="utf-8")
    assert parse_ann(path.read_text(encoding="utf-8")) == [
        BratSpan("T1", "Source", ((0, 5),), "Smith"),
        BratSpan("T2", "Cue", ((6, 10),), "said"),
        BratSpan("T3", "Content", ((16, 20), (11, 15)), "tax. that"),
    ]


def test_polnear_reader_picks_first_annotator_and_aligns_offsets(tmp_path):
    root = tmp_path / "polnear" / "data" / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "doc.txt").write_text(
        "Smith said that tax. “Ok,” Jones added.", encoding="utf-8"
    )
    (root / "text" / "other.txt").write_text("Nothing here.", encoding="utf-8")
    misaligned = (
        "T1\tSource 0 5\tSmith\n"
        "T2\tCue 6 10\tsaid\n"
        "T3\tSource 25 30\tJones\n"  # off by two: moved to 27-32
        "T4\tCue 0 4\tabsent\n"  # text not in the article: dropped
        "T5\tContent 0 2;6 7\tSm x\n"  # discontinuous and wrong: dropped
    )
    (root / "attributions" / "doc_ef2d.ann").write_text(misaligned, encoding="utf-8")
    (root / "attributions" / "doc_4b22.ann").write_text(ANN, encoding="utf-8")
    (root / "attributions" / "other_1234.ann").write_text("", encoding="utf-8")

    articles = datasets.polnear(tmp_path, "dev")
    assert [a.name for a in articles] == ["doc", "other"]
    doc = articles[0]
    assert (doc.annotator, doc.annotators) == ("4b22", ("4b22", "ef2d"))
    assert (doc.repaired, doc.dropped) == (0, 0)
    assert [s.fragments for s in doc.spans] == [((0, 5),), ((6, 10),), ((16, 20), (11, 15))]

    (root / "attributions" / "doc_4b22.ann").unlink()
    doc = datasets.polnear(tmp_path, "dev")[0]
    assert (doc.annotator, doc.repaired, doc.dropped) == ("ef2d", 1, 2)
    assert [(s.id, s.fragments) for s in doc.spans] == [
        ("T1", ((0, 5),)),
        ("T2", ((6, 10),)),
        ("T3", ((27, 32),)),
    ]


def test_mark_brackets_nested_spans_and_clips_to_the_window():
    text = "Officials said the plan may fail."
    marks = [(0, 9, "source:vague"), (10, 14, "cue"), (10, 14, "CUE"), (15, 33, "CONTENT")]
    assert accuracy.mark(text, [*marks, (10, 14, "cue")]) == (
        "[source:vague|Officials] [CUE|[cue|said]] [CONTENT|the plan may fail.]"
    )
    assert accuracy.mark(text, marks, 10, 23) == "[CUE|[cue|said]] [CONTENT|the plan]"


def test_spread_picks_evenly_and_keeps_order():
    assert accuracy.spread(list(range(10)), 3) == [0, 3, 6]
    assert accuracy.spread([1, 2], 5) == [1, 2]


def test_missing_data_folder_is_skipped(tmp_path):
    result = subprocess.run(
        [sys.executable, str(BENCH / "accuracy.py"), "--data", "/nonexistent"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "skipping" in result.stdout


def test_missing_dataset_is_skipped_in_the_table(tmp_path):
    result = subprocess.run(
        [sys.executable, str(BENCH / "accuracy.py"), "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("skipped:") == 5  # hedges, news hedges, cues, sources, claims
    assert "not met" not in result.stdout
