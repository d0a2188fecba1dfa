"""`scorer compare` on the seeds and the labeller's test pairs: exact kinds and links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import scorer
from scorer.cli import cli
from scorer.drift import Comparison
from scorer.drift.changes import kinds_between
from scorer.drift.claims import Claim
from scorer.render.comparison import in_reading_order, render
from tests.conftest import INDEPENDENT, REWRITE

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "compare"


def _pair(name: str) -> Comparison:
    original = (PAIRS / "original.txt").read_text(encoding="utf-8")
    return scorer.compare(original, (PAIRS / f"{name}.txt").read_text(encoding="utf-8"))


def _changed(comparison: Comparison) -> list[tuple[tuple[str, ...], list[str], str | None]]:
    """Every change that is not `kept`: kinds, A ids, B id."""
    return [
        (row.kinds, [claim.id for claim in row.a], row.b.id if row.b else None)
        for row in comparison.changes
        if row.kinds != ("kept",)
    ]


def _claim(status: str, hedges: tuple[str, ...] = (), role: str = "body") -> Claim:
    return Claim("X1", 0, 1, "x", 0, role, status, hedges)


@pytest.mark.parametrize(
    ("a", "b", "kinds"),
    [
        (_claim("named"), _claim("named"), ("kept",)),
        (_claim("named"), _claim("unattributed"), ("lost",)),
        (_claim("named"), _claim("anonymous"), ("laundered",)),
        (_claim("named"), _claim("outlet"), ("laundered",)),
        (_claim("outlet"), _claim("anonymous"), ("laundered",)),  # "Reuters reported" -> "sources"
        (_claim("anonymous"), _claim("vague"), ("laundered",)),
        (_claim("anonymous"), _claim("named"), ("kept",)),  # a source given: no risk to check
        (_claim("anonymous", ("may",)), _claim("named"), ("firmed-up",)),
        (_claim("agentless", ("rumours circulated",)), _claim("anonymous"), ("firmed-up",)),
        (_claim("unattributed", ("if confirmed",)), _claim("unattributed"), ("firmed-up",)),
        (_claim("named"), _claim("named", ("may",)), ("softened",)),
        (_claim("named"), _claim("unattributed", ("ostensibly",)), ("lost", "softened")),
        (_claim("unattributed", ("could",), "standfirst"), _claim("unattributed", (), "headline"),
         ("headline",)),
    ],
)  # fmt: skip
def test_kinds_between_follow_the_definitions(a: Claim, b: Claim, kinds: tuple[str, ...]) -> None:
    assert kinds_between(a, b) == kinds


def test_the_same_text_keeps_everything() -> None:
    comparison = _pair("original")
    assert comparison.counts["kept"] == len(comparison.a.claims) == 24
    assert _changed(comparison) == []
    assert comparison.score_change == 0.0
    assert not comparison.unrelated


def test_laundered_names_become_outlets_and_anonymous() -> None:
    assert _changed(_pair("rewrite_laundered")) == [
        # Whitlock's claim, not the standfirst that says the same: it follows the claim the
        # previous one restates, in the body as B's claim is.
        (("laundered",), ["A11"], "B11"),
        (("laundered",), ["A12"], "B12"),
        (("laundered",), ["A13"], "B13"),
    ]


def test_lost_attribution() -> None:
    assert _changed(_pair("rewrite_lost")) == [(("lost",), ["A10"], "B10")]


def test_firmed_up_and_headline() -> None:
    comparison = _pair("rewrite_firmed")
    assert _changed(comparison) == [
        (("headline",), ["A2"], "B1"),
        (("firmed-up",), ["A14"], "B14"),
        (("firmed-up",), ["A15"], "B15"),
    ]
    assert (comparison.a.score, comparison.b.score) == (89.0, 95.5)


def test_softened() -> None:
    assert _changed(_pair("rewrite_softened")) == [
        (("softened",), ["A13"], "B13"),
        (("softened",), ["A21"], "B21"),
    ]


def test_faithful_paraphrase() -> None:
    assert _changed(_pair("rewrite_faithful")) == [
        (("lost",), ["A23"], "B22"),  # "The budget will be debated" read as an attribution
        (("dropped",), ["A18"], None),  # the paraphrase of "It has been suggested" missed
    ]


def test_dropped_and_added() -> None:
    comparison = _pair("rewrite_dropped_added")
    # The added "Mr Whitlock said the union had written to all 51 councillors" is aligned
    # with his old claim by his name and his union, words of the old claim's source only:
    # it restates who he is, so no change of sourcing is made up (it was `firmed-up`).
    b13 = next(row for row in comparison.changes if row.b and row.b.id == "B13")
    assert (b13.kinds, [claim.id for claim in b13.a]) == (("kept",), ["A11"])
    assert _changed(comparison) == [
        (("added",), [], "B17"),  # shares only the common "library" and "Ashfield" with A15
        (("dropped",), ["A16"], None),
        (("dropped",), ["A21"], None),
    ]


def test_an_unrelated_story_aligns_nothing() -> None:
    comparison = _pair("unrelated")
    assert comparison.unrelated
    assert {k: n for k, n in comparison.counts.items() if n} == {"dropped": 24, "added": 21}
    assert comparison.summary().startswith("unrelated: no claim of B restates a claim of A")


def test_the_seeds() -> None:
    comparison = scorer.compare(
        INDEPENDENT.read_text(encoding="utf-8"), REWRITE.read_text(encoding="utf-8")
    )
    assert (comparison.a.score, comparison.b.score, comparison.score_change) == (75.0, 15.5, -59.5)
    counts = {k: n for k, n in comparison.counts.items() if n}
    assert counts == {"kept": 4, "lost": 1, "laundered": 1, "firmed-up": 2, "softened": 1,
                      "dropped": 19, "added": 18, "headline": 1}  # fmt: skip
    rows = {row.b.id: row for row in comparison.changes if row.b}
    # The five changes issue 24 names, each at both texts' words.
    assert rows["B1"].kinds == ("headline",) and rows["B1"].a[0].id == "A2"  # "If confirmed"
    assert rows["B1"].a[0].hedges == ("If confirmed",)
    assert rows["B5"].kinds == ("lost", "softened")  # "according to the regime" -> "ostensibly"
    assert rows["B5"].a[0].source == "the regime" and rows["B5"].b.hedges == ("ostensibly",)
    # "Rumours circulated that he was dismissed" -> "opposition sources say the real reason":
    # found as the claim after the one B's previous claim restates (health reasons).
    b6 = rows["B6"]
    assert [c.id for c in b6.a] == ["A11"] and b6.kinds == ("firmed-up",)
    assert (b6.a[0].hedges, b6.b.status, b6.b.source) == (
        ("Rumours circulated",),
        "anonymous",
        "opposition sources",
    )
    # "fleeing across the border" (reportedly) and Mr Labwani's "smuggled out ... with the help
    # of a Western country" merged into "multiple sources tell Reuters ... snuck across the
    # Turkish border ... with the help of Western intelligence": a change from each.
    b10 = rows["B10"]
    assert [c.id for c in b10.a] == ["A3", "A13"] and b10.each == (("firmed-up",), ("laundered",))
    assert b10.kinds == ("laundered", "firmed-up") and b10.a[1].source == "Mr Labwani"
    assert rows["B3"].kinds == ("added",) and rows["B3"].b.hedges == ("may",)  # coalition talks
    # Nothing invented: the background "who was Defence Minister from 2009" is the writer's,
    # not the regime's, so "appointed defense minister in 2009" keeps it.
    assert rows["B4"].kinds == ("kept",) and rows["B4"].a[0].status == "unattributed"
    assert rows["B9"].a[0].id == "A8"  # "Syrian state media" restates "state television"
    assert rows["B19"].kinds == ("added",)  # Labwani named in both, and nothing else alike


def test_the_points_of_the_rules_that_changed_add_up_to_the_score_change() -> None:
    comparison = scorer.compare(
        INDEPENDENT.read_text(encoding="utf-8"), REWRITE.read_text(encoding="utf-8")
    )
    moved = comparison.points_change
    assert sum(b - a for a, b in moved.values()) == comparison.score_change == -59.5
    assert moved["named-sources-on-record"] == (16.0, 0.0)
    told = comparison.explained()
    assert "named-sources-on-record 1->0 (-16)" in told and "unattributed-claim 0->5" in told
    assert f"Findings that changed (points to the score): {told}" in render(comparison, "markdown")
    assert json.loads(render(comparison, "json"))["points_change"]["direct-quotes"] == [8.0, 0.0]


def test_to_dict_and_renderers_carry_the_answer() -> None:
    comparison = _pair("rewrite_lost")
    data = json.loads(render(comparison, "json"))
    assert data["counts"]["lost"] == 1 and data["unrelated"] is False
    assert data["changes"][9] == {"kinds": ["lost"], "b": "B10", "a": ["A10"], "similarity": 1.0,
                                  "each": [["lost"]]}  # fmt: skip
    wide = render(comparison, "plain", width=140)
    assert "A: original" in wide and "B: rewrite" in wide
    narrow = render(comparison, "plain", width=80)
    assert "A: original" not in narrow and "  B10 The Tollgate library" in narrow
    assert "| lost | **A10** The Tollgate library" in render(comparison, "markdown")
    assert render(comparison, "html").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("rewrite", "gate", "code"),
    [
        ("rewrite_laundered.txt", "lost,laundered,firmed-up", 1),
        ("rewrite_lost.txt", "lost", 1),
        ("rewrite_softened.txt", "lost,laundered,firmed-up", 0),
        ("original.txt", "lost,laundered,firmed-up,softened,dropped,added,headline", 0),
        ("unrelated.txt", "lost,laundered,firmed-up", 0),
        ("unrelated.txt", "dropped,added", 0),  # an unrelated B fails only on unrelated
        ("unrelated.txt", "unrelated", 1),
        ("rewrite_laundered.txt", "kept", 1),
        ("rewrite_laundered.txt", "Laundered", 1),  # kinds in any case
    ],
)
def test_the_gate(rewrite: str, gate: str, code: int) -> None:
    result = CliRunner().invoke(
        cli,
        ["compare", str(PAIRS / "original.txt"), str(PAIRS / rewrite), "-f", "json",
         "--fail-on-change", gate],
    )  # fmt: skip
    assert result.exit_code == code, result.output


def test_reports_show_a_dropped_claim_where_it_stood_in_a() -> None:
    comparison = scorer.compare(
        INDEPENDENT.read_text(encoding="utf-8"), REWRITE.read_text(encoding="utf-8")
    )
    order = [
        (row.kinds[0], [c.id for c in row.a], row.b.id if row.b else None)
        for row in in_reading_order(comparison)
    ]
    assert sorted(order, key=str) == sorted(
        ((row.kinds[0], [c.id for c in row.a], row.b.id if row.b else None)
         for row in comparison.changes), key=str)  # fmt: skip
    assert order[:3] == [("dropped", ["A1"], None), ("headline", ["A2"], "B1"),
                         ("kept", ["A3"], "B2")]  # fmt: skip
    # "after which he pledged allegiance" comes after the rumour it continues.
    at = order.index(("firmed-up", ["A11"], "B6"))
    assert order[at + 1] == ("dropped", ["A12"], None)
    narrow = render(comparison, "plain", width=80)
    assert "\n  minority Alawite sect to defect" in narrow  # wrapped lines keep the indent


def test_markdown_cells_hold_the_copy_as_plain_text(tmp_path: Path) -> None:
    story = tmp_path / "a_story.txt"
    story.write_text("Head *bold*\n\nThe <b>mayor</b> said the [plan] was_good.\n")
    result = CliRunner().invoke(cli, ["compare", str(story), str(story), "-f", "markdown"])
    assert f"A `{story}`" in result.output  # a path in a code span stays as it is
    assert "The \\<b\\>mayor" not in result.output
    assert "The \\<b>mayor\\</b> said the \\[plan\\] was\\_good." in result.output


def test_every_fail_on_change_counts_when_given_twice() -> None:
    result = CliRunner().invoke(
        cli,
        ["compare", str(PAIRS / "original.txt"), str(PAIRS / "rewrite_laundered.txt"), "-f",
         "json", "--fail-on-change", "laundered", "--fail-on-change", "softened"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "changes of kind laundered" in result.stderr


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["compare", str(PAIRS / "original.txt"), str(tmp_path / "no.txt")])
    assert missing.exit_code == 2
    assert missing.stderr.strip().splitlines() == [
        f"scorer: error: {tmp_path / 'no.txt'}: no such file"
    ]
    both = runner.invoke(cli, ["compare", "-", "-"])
    assert (both.exit_code, both.stderr) == (
        2,
        "scorer: error: A and B cannot both be standard input (-)\n",
    )
    unknown = runner.invoke(cli, ["compare", "a", "b", "--fail-on-change", "bogus"])
    assert unknown.exit_code == 2 and "unknown change kind 'bogus'" in unknown.stderr


def test_standard_input_for_one_side() -> None:
    text = (PAIRS / "rewrite_lost.txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["compare", str(PAIRS / "original.txt"), "-", "-f", "json"],
                                input=text)  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(result.stdout)["counts"]["lost"] == 1
