"""Inline suppression: `<!-- scorer: ignore RULE -- reason -->` and `off`/`on` in a draft.

Most tests edit a copy of the rewrite seed by putting a directive where a blank line was,
so every line:column stays that of the seed and can be compared with the seed's audit.
"""

from __future__ import annotations

import pytest

import scorer
from scorer.config import Config
from scorer.load import load_string
from scorer.load.directives import Directive, parse
from scorer.load.document import Span
from scorer.scoring.audit import Audit, audit_document
from scorer.scoring.suppression import Notice
from tests.conftest import INDEPENDENT, REWRITE
from tests.counting import assert_linear

PYTHON = Config(engine="python")
SEED = REWRITE.read_text(encoding="utf-8")
UNDESCRIBED = (
    "<!-- scorer: ignore anonymous-source-undescribed -- Reuters's sources; we cannot say more -->"
)


def _on_blank_line(number: int, directive: str, text: str = SEED) -> str:
    """The seed with its blank line `number` (1-based) replaced by `directive`."""
    lines = text.split("\n")
    assert lines[number - 1] == ""
    lines[number - 1] = directive
    return "\n".join(lines)


def _audit(text: str, format: str = "text") -> Audit:
    return audit_document(load_string(text, format=format), PYTHON)


def _where(audit: Audit) -> list[tuple[str, int, int, float]]:
    return [(f.rule, f.line, f.column, f.points) for f in audit.findings]


@pytest.fixture(scope="module")
def seed() -> Audit:
    return _audit(SEED)


def test_the_rewrite_seed_scores_15_5_with_no_directives(seed):
    assert seed.score == 15.5
    assert seed.suppressed == ()
    assert seed.notices == ()


def test_ignore_before_a_paragraph_moves_that_rules_finding_to_suppressed(seed):
    audit = _audit(_on_blank_line(6, UNDESCRIBED))
    [moved] = audit.suppressed
    assert (moved.rule, moved.text, moved.line, moved.column) == (
        "anonymous-source-undescribed",
        "multiple sources tell",
        7,
        67,
    )
    assert moved.points == 0.0
    assert moved.suppressed == "Reuters's sources; we cannot say more"
    # The seed's finding was at the same line:column and cost 3 points; they come back.
    assert ("anonymous-source-undescribed", 7, 67, -3.0) in _where(seed)
    assert audit.score == 18.5
    assert audit.subscores["anonymity"] == seed.subscores["anonymity"] + 3
    assert _where(audit) == [w for w in _where(seed) if w[0] != "anonymous-source-undescribed"]


def test_ignore_names_several_rules_with_commas():
    directive = (
        "<!-- scorer: ignore anonymous-source-no-knowledge, anonymous-source-no-reason -- "
        "Reuters's sources -->"
    )
    audit = _audit(_on_blank_line(6, directive))
    assert [(f.rule, f.line, f.column) for f in audit.suppressed] == [
        ("anonymous-source-no-knowledge", 7, 67),
        ("anonymous-source-no-reason", 7, 67),
    ]
    assert audit.score == 18.0  # 15.5 + 1 (no knowledge) + 1.5 (no reason)


def test_ignore_all_suppresses_every_finding_of_the_next_paragraph_only():
    audit = _audit(
        _on_blank_line(6, "<!-- scorer: ignore all -- paragraph checked by the desk -->")
    )
    assert [(f.rule, f.text, f.line, f.column) for f in audit.suppressed] == [
        ("borrowed-reporting", "Syrian state media reported", 7, 1),
        ("anonymous-source-no-knowledge", "multiple sources tell", 7, 67),
        ("anonymous-source-no-reason", "multiple sources tell", 7, 67),
        ("anonymous-source-undescribed", "multiple sources tell", 7, 67),
        ("borrowed-reporting", "multiple sources tell", 7, 67),
    ]
    assert {f.suppressed for f in audit.suppressed} == {"paragraph checked by the desk"}
    assert audit.score == 23.0  # 15.5 + 1 + 1 + 1.5 + 3 + 1


def test_directives_stacked_above_one_paragraph_all_apply():
    lines = SEED.split("\n")
    lines[5:6] = [
        "",
        "<!-- scorer: ignore anonymous-source-undescribed -- Reuters's sources -->",
        "<!-- scorer: ignore borrowed-reporting -- Reuters is named -->",
    ]
    audit = _audit("\n".join(lines))
    assert [(f.rule, f.text, f.suppressed) for f in audit.suppressed] == [
        ("borrowed-reporting", "Syrian state media reported", "Reuters is named"),
        ("anonymous-source-undescribed", "multiple sources tell", "Reuters's sources"),
        ("borrowed-reporting", "multiple sources tell", "Reuters is named"),
    ]
    assert audit.score == 20.5  # 15.5 + 1 + 3 + 1


def test_a_suppressed_finding_leaves_its_rules_cap_to_the_findings_kept():
    # borrowed-reporting takes 1 point a finding, at most 3: in the Independent seed the
    # fourth, "he threatened", is listed at 0 points. Suppressing the two on line 9 lets it
    # count, so the score moves by one point, not two.
    lines = INDEPENDENT.read_text(encoding="utf-8").split("\n")
    before = _audit("\n".join(lines))
    assert [(f.text, f.points) for f in before.findings if f.rule == "borrowed-reporting"] == [
        ("Syrian state television denied", -1.0),
        ("Syrian state television denied that Gen Habib had left Syria and said", -1.0),
        (
            "“The Syrian government will not change position even if there is World War Three. No Syrian can sacrifice the independence of his country,“ he told",
            -1.0,
        ),
        ("he threatened", 0.0),
    ]
    assert before.score == 75.0
    lines.insert(8, "<!-- scorer: ignore borrowed-reporting -- the denial is only on state TV -->")
    audit = _audit("\n".join(lines))
    assert [(f.text, f.line, f.column, f.points) for f in audit.suppressed] == [
        ("Syrian state television denied", 10, 280, 0.0),
        ("Syrian state television denied that Gen Habib had left Syria and said", 10, 280, 0.0),
    ]
    kept = [(f.line, f.column, f.points) for f in audit.findings if f.rule == "borrowed-reporting"]
    assert kept == [(15, 178, -1.0), (16, 46, -1.0)]  # "he threatened" now counts
    assert audit.score == 76.0


def test_off_and_on_suppress_every_finding_that_starts_between_them(seed):
    lines = SEED.split("\n")
    lines[9] = "<!-- scorer: off -- background section, checked by the desk -->"
    lines[13] = "<!-- scorer: on -->"
    audit = _audit("\n".join(lines))
    assert [(f.rule, f.line, f.column) for f in audit.suppressed] == [
        ("unattributed-claim", 11, 88),
        ("speculation", 13, 1),
        ("loaded-attribution-verb", 13, 170),
    ]
    assert {f.suppressed for f in audit.suppressed} == {"background section, checked by the desk"}
    assert audit.score == 18.5  # 15.5 + 3 for the speculation; the other two cost nothing
    assert audit.subscores["hedging"] == seed.subscores["hedging"] + 3
    assert len(audit.findings) + len(audit.suppressed) == len(seed.findings)


def test_off_with_no_on_runs_to_the_end_but_leaves_the_headline_and_document_wide_findings():
    audit = _audit(_on_blank_line(2, "<!-- scorer: off -- embargoed draft -->"))
    assert [(f.rule, f.line, f.column) for f in audit.findings] == [
        ("anonymous-heavy", 1, 1),
        ("distinct-source-kinds", 1, 1),
        ("hedge-density", 1, 1),
        ("headline-overstates", 1, 1),
    ]
    assert len(audit.suppressed) == 21
    # A document rule placed at the lede (anonymous-and-hedged) is in the range that holds it.
    assert [(f.rule, f.line, f.column) for f in audit.suppressed[:2]] == [
        ("anonymous-and-hedged", 3, 1),
        ("unattributed-lede", 3, 1),
    ]
    assert audit.score == 50.0  # 60 - 3 + 8 - 5 - 10


def test_off_above_the_first_paragraph_suppresses_document_wide_findings_too():
    audit = _audit("<!-- scorer: off -- embargoed draft -->\n" + SEED)
    assert audit.findings == ()
    assert [(f.rule, f.start, f.end, f.line, f.column) for f in audit.suppressed[:4]] == [
        ("anonymous-heavy", 0, 0, 1, 1),
        ("distinct-source-kinds", 0, 0, 1, 1),
        ("hedge-density", 0, 0, 1, 1),
        ("headline-overstates", 40, 89, 2, 1),
    ]
    assert len(audit.suppressed) == 25
    assert audit.score == 60.0  # the base: credit is suppressed with the problems


def test_ignore_above_the_headline_covers_the_headline_and_document_wide_findings():
    directive = "<!-- scorer: ignore hedge-density, headline-overstates -- headline agreed with the desk -->"
    audit = _audit(directive + "\n" + SEED)
    assert [(f.rule, f.line, f.column, f.suppressed) for f in audit.suppressed] == [
        ("hedge-density", 1, 1, "headline agreed with the desk"),
        ("headline-overstates", 2, 1, "headline agreed with the desk"),
    ]
    assert audit.score == 30.5  # 15.5 + 5 + 10


def test_a_directive_with_no_reason_suppresses_nothing_and_is_a_notice(seed):
    audit = _audit(_on_blank_line(6, "<!-- scorer: ignore anonymous-source-undescribed -->"))
    assert audit.suppressed == ()
    assert _where(audit) == _where(seed)
    assert audit.score == 15.5
    assert audit.notices == (
        Notice(
            "`scorer: ignore` needs a reason after ` -- `; it has no effect",
            line=6,
            column=1,
            start=817,
            end=869,
        ),
    )


def test_an_off_with_no_reason_suppresses_nothing_and_its_on_has_no_off(seed):
    lines = SEED.split("\n")
    lines[9], lines[13] = "<!-- scorer: off -->", "<!-- scorer: on -->"
    audit = _audit("\n".join(lines))
    assert audit.suppressed == ()
    assert _where(audit) == _where(seed)
    assert [(n.message, n.line, n.column) for n in audit.notices] == [
        ("`scorer: off` needs a reason after ` -- `; it has no effect", 10, 1),
        ("`scorer: on` has no `off` before it; it has no effect", 14, 1),
    ]


def test_an_unknown_rule_id_suppresses_nothing_and_is_a_notice(seed):
    directive = "<!-- scorer: ignore anonymous-source-undescribed, anonymous-sauce -- typo -->"
    audit = _audit(_on_blank_line(6, directive))
    assert audit.suppressed == ()
    assert _where(audit) == _where(seed)
    assert [(n.message, n.line, n.column) for n in audit.notices] == [
        (
            "`scorer: ignore` names no rule of this run: 'anonymous-sauce' (unknown or disabled); it has no effect",
            6,
            1,
        )
    ]


def test_a_rule_disabled_by_config_is_not_a_rule_of_the_run():
    config = Config(engine="python", disable=("anonymous-source-undescribed",))
    audit = audit_document(load_string(_on_blank_line(6, UNDESCRIBED)), config)
    assert audit.suppressed == ()
    assert [n.line for n in audit.notices] == [6]


def test_suppressed_findings_and_notices_are_in_to_dict():
    lines = SEED.split("\n")
    lines[5], lines[7] = UNDESCRIBED, "<!-- scorer: shush -- please -->"
    data = _audit("\n".join(lines)).to_dict()
    assert data["suppressed"] == [
        {
            "rule": "anonymous-source-undescribed",
            "title": "Anonymous source with no description",
            "category": "anonymity",
            "severity": "warning",
            "message": "'multiple sources' is anonymous, with no agency, side or role given",
            "start": 977,
            "end": 998,
            "text": "multiple sources tell",
            "line": 7,
            "column": 67,
            "points": 0.0,
            "signal": "attribution-977-998",
            "suppressed": "Reuters's sources; we cannot say more",
            "credit": False,
        }
    ]
    assert data["notices"] == [
        {
            "message": "scorer directive has an unknown verb 'shush' (expected ignore, off or on); it has no effect",
            "line": 8,
            "column": 1,
            "start": 1137,
            "end": 1169,
        }
    ]


def test_a_directive_line_in_plain_text_is_blanked_not_read_as_prose():
    text = _on_blank_line(6, UNDESCRIBED)
    doc = load_string(text)
    assert len(doc.text) == len(text)
    assert doc.text.split("\n")[5] == " " * len(UNDESCRIBED)
    seed = load_string(SEED)
    assert [doc.slice(p) for p in doc.paragraphs] == [seed.slice(p) for p in seed.paragraphs]


def test_markdown_ignore_works_and_keeps_line_and_column():
    lines = SEED.split("\n")
    lines[0] = "# " + lines[0]
    plain = _audit("\n".join(lines), "markdown")
    lines[5] = UNDESCRIBED
    audit = _audit("\n".join(lines), "markdown")
    assert [(f.rule, f.text, f.line, f.column) for f in audit.suppressed] == [
        ("anonymous-source-undescribed", "multiple sources tell", 7, 67)
    ]
    assert audit.score == plain.score + 3 == 18.5


def test_markdown_directive_in_a_code_block_is_not_a_directive():
    lines = SEED.split("\n")
    lines[0] = "# " + lines[0]
    lines[5:6] = [
        "",
        "```html",
        UNDESCRIBED,
        "<!-- scorer: off -- no reason needed, this is not a directive -->",
        "```",
        "",
        "    <!-- scorer: off -- an indented code block -->",
        "",
    ]
    audit = _audit("\n".join(lines), "markdown")
    assert audit.suppressed == ()
    assert audit.notices == ()
    assert audit.score == 15.5
    assert load_string("\n".join(lines), format="markdown").directives == ()


def test_markdown_directive_after_front_matter_covers_the_headline():
    text = (
        "---\ntitle: Someone Really Important Just Defected From Syria\n---\n"
        "<!-- scorer: ignore headline-overstates -- the desk approved the headline -->\n"
        "# " + SEED
    )
    audit = _audit(text, "markdown")
    assert [(f.rule, f.line, f.column) for f in audit.suppressed] == [("headline-overstates", 5, 3)]


def test_crlf_line_endings_keep_line_and_column():
    text = _on_blank_line(6, UNDESCRIBED).replace("\n", "\r\n")
    for format in ("text", "markdown"):
        source = text if format == "text" else "# " + text
        audit = _audit(source, format)
        assert [(f.rule, f.line, f.column) for f in audit.suppressed] == [
            ("anonymous-source-undescribed", 7, 67)
        ], format
        assert audit.score == 18.5


def test_scorer_audit_of_a_string_reads_directives():
    audit = scorer.audit(_on_blank_line(6, UNDESCRIBED), config=PYTHON)
    assert [f.rule for f in audit.suppressed] == ["anonymous-source-undescribed"]


def test_parse_reads_verbs_ids_reasons_and_scopes():
    text = (
        "<!-- scorer: ignore a, b c -- because -- really -->\n"
        "Para one.\n"
        "<!-- scorer: off -- draft -->\n"
        "Para two.\n"
        "<!--scorer:on-->\n"
    )
    assert parse(text) == (
        Directive("ignore", ("a", "b", "c"), "because -- really", 0, 51),
        Directive("off", (), "draft", 62, 91, scope=Span(62, 102)),
        Directive("on", (), "", 102, 118),
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("<!-- scorer: ignore -- why -->", "names no rule (give rule ids, or `all`)"),
        (
            "<!-- scorer: ignore all, a -- why -->",
            "names `all` and rule ids; give one or the other",
        ),
        ("<!-- scorer: off a -- why -->", "takes no rule ids (`ignore` names rules)"),
        ("<!-- scorer: off --   -->", "needs a reason after ` -- `"),
        ("<!-- scorer: -- why -->", "names no verb (ignore, off or on)"),
        (
            "<!-- scorer: disable a -- why -->",
            "has an unknown verb 'disable' (expected ignore, off or on)",
        ),
        ("<!-- scorer: off -- why", "is not closed with `-->` on its line"),
        ("Text <!-- scorer: off -- why -->", "must be on a line of its own"),
        ("<!-- scorer: off -- why --> text", "must be on a line of its own"),
        ("<!-- scorer: on -->", "has no `off` before it"),
    ],
)
def test_parse_names_the_problem_of_a_malformed_directive(line, problem):
    [directive] = parse(line + "\nA paragraph.\n")
    assert directive.problem == problem
    assert directive.scope is None


def test_an_off_while_already_off_is_a_problem_and_the_first_on_closes_the_range():
    text = "<!-- scorer: off -- a -->\nOne.\n<!-- scorer: off -- b -->\nTwo.\n<!-- scorer: on -->\n"
    first, second, on = parse(text)
    assert first.scope == Span(0, on.start)
    assert second.problem == "comes while already off (since line 1)"


def test_an_ignore_with_nothing_after_it_is_a_problem():
    doc = load_string("A paragraph.\n\n<!-- scorer: ignore all -- end -->\n")
    [directive] = doc.directives
    assert directive.problem == "has no paragraph after it"


def test_an_ignore_covers_the_next_line_where_each_line_is_a_paragraph():
    # Text pasted from a web page: no blank lines, one paragraph a line.
    text = (
        "A source said the minister lied.\n"
        "<!-- scorer: ignore all -- the minister's aide, named in the next draft -->\n"
        "A source said the minister fled.\n"
        "A source said the minister hid.\n"
    )
    audit = scorer.audit(text, config=PYTHON)
    assert [(f.rule, f.line, f.column) for f in audit.suppressed] == [
        ("anonymous-source-no-knowledge", 3, 1),
        ("anonymous-source-no-reason", 3, 1),
        ("anonymous-source-undescribed", 3, 1),
    ]
    assert {f.line for f in audit.findings if f.rule == "anonymous-source-no-reason"} == {1, 4}


@pytest.mark.parametrize(
    ("make", "n"),
    [
        (lambda n: "<!--" * n, 2_500),
        (lambda n: "<!-- scorer:" * n, 2_500),
        (lambda n: "<!-- scorer: on -->" * n, 2_500),
        (lambda n: "<!-- scorer: ignore " + "a " * n + "-- why -->\nText.", 5_000),
        (lambda n: "<!-- scorer: off --" + " " * n, 5_000),
        (lambda n: "-->" * n + "<!-- scorer: off -- why", 2_500),
    ],
    ids=["openers", "scorer-openers", "closed-on-one-line", "many-ids", "spaces", "closers"],
)
def test_parse_is_linear_on_adversarial_input(make, n):
    """Counted, not timed (tests/counting.py): 4x the input, at most 10x the work."""
    assert_linear(parse, make, n)


def test_ignore_all_above_the_lede_does_not_set_aside_a_document_rule_placed_there():
    """A document rule judges the whole text; `ignore all` before the lede would otherwise
    silence `no-named-source` or `headline-overstates` for the whole story."""
    story = (
        "Council to close three libraries\n\n"
        "<!-- scorer: ignore all -- lede checked by the desk -->\n"
        "Critics say the council will close three libraries next year.\n\n"
        "Officials reportedly believe the plan will save money.\n"
    )
    audit = scorer.audit(story, config=Config(engine="python"))
    kept = {(f.rule, f.signal is None) for f in audit.findings}
    assert ("no-named-source", True) in kept
    assert all(f.signal is not None for f in audit.suppressed)
    assert {f.rule for f in audit.suppressed} >= {"vague-attribution"}
