"""The trained attribution tagger: the shipped model, its run-time API and its grouping.

Nothing here reads ../shared/data: sentences are hand-written news copy.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
import sys
import textwrap

import pytest

from scorer.models import attribution
from scorer.models import features_attribution as fx
from scorer.models.attribution import Labelled, Run, Tagged, assemble, pair, runs, tag
from scorer.models.features_attribution import Document, ScorerError
from scorer.train.labels import bio
from tests.conftest import ROOT


def spans(text: str, tagged: Tagged) -> tuple[str, str | None, list[str]]:
    source = None if tagged.source is None else text[slice(*tagged.source)]
    return text[slice(*tagged.cue)], source, [text[slice(*c)] for c in tagged.content]


def only(text: str) -> tuple[str, str | None, list[str]]:
    found = tag(fx.load_text(text))
    assert len(found) == 1, found
    return spans(text, found[0])


def test_the_model_ships_in_crfsuite_format_under_5_mb():
    assert attribution.MODEL.read_bytes()[:4] == b"lCRF"  # crfsuite's magic, not a pickle
    assert attribution.MODEL.stat().st_size < 5_000_000
    facts = attribution.info()
    assert facts["labels"] == sorted(
        ["O", "B-CUE", "I-CUE", "B-SOURCE", "I-SOURCE", "B-CONTENT", "I-CONTENT"]
    )


def test_a_model_beside_words_made_for_other_features_is_refused(tmp_path):
    words = tmp_path / "attribution.words"
    words.write_text("# attribution words, features version 0\nsaid\tcr=4 trigger\n")
    with pytest.raises(ScorerError, match="made for other features"):
        attribution.Model(attribution.MODEL, words)


def test_the_words_file_holds_single_words_with_tags():
    header, *lines = attribution.WORDS.read_text(encoding="utf-8").splitlines()
    assert header == attribution.words_header()
    said = dict(line.split("\t") for line in lines)["said"].split()
    assert "trigger" in said and "cr=4" in said
    assert all(" " not in line.split("\t")[0] for line in lines)


def test_the_model_card_names_the_shipped_model_file():
    card = attribution.MODEL.with_name("attribution.md").read_text(encoding="utf-8")
    assert hashlib.sha256(attribution.MODEL.read_bytes()).hexdigest() in card
    assert "no licence" in card.lower() or "states no licence" in card


def test_said_after_its_source_with_a_that_clause():
    cue, source, content = only("The minister said on Tuesday that taxes would rise next year.")
    assert (cue, source) == ("said", "The minister")
    assert content == ["that taxes would rise next year"]


def test_said_after_a_quote_with_an_anonymous_source():
    cue, source, content = only(
        "“We will not back down on this,” said a senior administration official."
    )
    assert (cue, source) == ("said", "a senior administration official")
    assert content == ["“We will not back down on this,”"]


def test_according_to_an_outlet():
    cue, source, _ = only("According to Reuters, the talks collapsed on Monday night.")
    assert (cue, source) == ("According to", "Reuters")


def test_a_pronoun_source_and_a_clause_without_that():
    cue, source, _ = only("He says the deal will not survive the election.")
    assert (cue, source) == ("says", "He")


def test_a_sentence_with_no_attribution_gives_none():
    assert tag(fx.load_text("The bridge was closed for repairs in 2014.")) == []


def test_offsets_are_into_the_document_text_and_confidence_is_a_probability():
    text = "Rain fell all day.\n\nThe mayor told reporters the roads would reopen by Friday."
    found = tag(fx.load_text(text))
    assert [spans(text, t)[:2] for t in found] == [("told", "The mayor")]
    assert found[0].sentence == 1
    assert 0.5 < found[0].confidence <= 1.0


def test_an_empty_document_gives_no_attributions():
    assert tag(Document(text="")) == []


def test_tagged_is_frozen():
    tagged = Tagged((0, 4), None, (), 0, 0.9)
    with pytest.raises(dataclasses.FrozenInstanceError):
        tagged.cue = (1, 2)  # type: ignore[misc]


# -- labels and grouping, on hand-made labels ---------------------------------------------


def test_a_span_ending_inside_a_token_claims_it_and_cue_wins_over_content():
    # "He’s been saying": the source "He" ends inside the token "He’s".
    tokens = [(0, 4), (5, 9), (10, 16)]
    labels = bio(tokens, {"Source": [((0, 2),)], "Cue": [((5, 16),)], "Content": [((0, 16),)]})
    assert labels == ["B-SOURCE", "B-CUE", "I-CUE"]


def test_runs_start_again_at_an_i_that_does_not_continue():
    assert runs(["B-SOURCE", "I-SOURCE", "O", "I-CUE", "B-CONTENT"]) == [
        Run("SOURCE", 0, 1),
        Run("CUE", 3, 3),
        Run("CONTENT", 4, 4),
    ]


def test_pairing_prefers_the_source_right_after_the_cue_then_the_one_before():
    # "“...,” said the minister, and the aide added ..."
    found = runs(
        ["B-CONTENT", "B-CUE", "B-SOURCE", "I-SOURCE", "O", "B-SOURCE", "B-CUE", "B-CONTENT"]
    )
    assert [(c, s) for c, s, _ in pair(found)] == [
        (Run("CUE", 1, 1), Run("SOURCE", 2, 3)),
        (Run("CUE", 6, 6), Run("SOURCE", 5, 5)),
    ]


def test_content_running_into_the_next_sentence_joins_its_attribution():
    # 'He said: “A b.' and 'C d.”' as two sentences: the quote is one content span.
    first = Labelled(
        sentence=0,
        tokens=[(0, 2), (3, 7), (7, 8), (9, 10), (10, 11), (12, 13), (13, 14)],
        labels=["B-SOURCE", "B-CUE", "O", "B-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT"],
        probs=[1.0] * 7,
        edges=(0, 5),
    )
    second = Labelled(
        sentence=1,
        tokens=[(15, 16), (17, 18), (18, 19), (19, 20)],
        labels=["B-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT"],
        probs=[1.0] * 4,
        edges=(0, 1),
    )
    (joined,) = assemble([first, second])
    assert joined.content == ((9, 20),)
    assert joined.sentence == 0


def test_content_with_no_cue_in_a_sentence_far_from_any_cue_is_dropped():
    alone = Labelled(3, [(0, 1), (2, 3)], ["B-CONTENT", "I-CONTENT"], [1.0, 1.0], (0, 1))
    assert assemble([alone]) == []


# -- run time: lazy, offline, light ------------------------------------------------------

SCRIPT = textwrap.dedent(
    """
    import json, socket, sys

    def refuse(*args, **kwargs):
        raise OSError("network blocked")

    socket.socket.connect = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from scorer.models import attribution
    from scorer.models import features_attribution as fx
    before = "pycrfsuite" in sys.modules
    found = attribution.tag(fx.load_text("The minister said on Tuesday that taxes would rise."))
    print(json.dumps({
        "loaded_at_import": before,
        "found": len(found),
        "heavy": sorted(m for m in ("numpy", "sklearn", "scipy", "joblib") if m in sys.modules),
    }))
    """
)


def test_tagging_runs_offline_loads_the_model_lazily_and_imports_nothing_heavy():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, check=True
    )
    result = json.loads(done.stdout)
    assert result == {"loaded_at_import": False, "found": 1, "heavy": []}
