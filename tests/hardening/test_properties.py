"""Properties of the whole pipeline, `scorer.audit(text)`, on generated news-like text.

The text is composed from sentences of the example articles, cue words ("said", "sources
say", "reportedly"...), quote marks, brackets, numbers, line breaks in every convention and
random noise; plain `st.text()` covers what no newsroom writes. Each property says what the
product promises:

* `audit` never raises on any text, except `ScorerError` for a text with no prose;
* every span (signal, nested span, finding) lies inside `Document.text`, its `text` is the
  slice, and a finding's `line:column` is that of the input (design.md: offsets map to
  `line:column` of the input file);
* appending an unrelated paragraph removes no finding anchored in the text before it;
* straight and curly quote marks, LF and CRLF line breaks give the same findings;
* results are identical across runs, processes, `--jobs` values and the two rule engines.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

import scorer
from scorer.config import Config
from scorer.engine import durable
from tests.conftest import EXAMPLES, ROOT, article_corpus

PYTHON = Config(engine="python")
DURABLE = Config(engine="durable-rules")

# --- strategies ---------------------------------------------------------------------------------

_EXAMPLE_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
_PARAGRAPHS = [p.strip() for text in _EXAMPLE_TEXTS for p in text.splitlines() if p.strip()]
_SENTENCES = sorted(
    {s for p in _PARAGRAPHS for s in re.split(r"(?<=[.!?])\s+", p) if len(s.split()) >= 3}
)
_CUES = [
    "said", "says", "told Reuters", "sources say", "opposition sources say", "reportedly",
    "allegedly", "according to", "according to officials", "officials", "an official said",
    "a senior official, who spoke on condition of anonymity,", "people familiar with the matter",
    "it is believed", "it's been suggested", "if confirmed", "could not be independently verified",
    "denied", "declined to comment", "did not respond to requests for comment", "critics say",
    "He", "She", "They", "It", "The minister", "Gen. Habib", "Mr. Assad", "U.S.", "Reuters",
    "\u201c", "\u201d", '"', "'", "\u2018", "\u2019", "(", ")", "[", "]", ":", ";", ",", ".",
    "?", "!", "\u2014", "-", "12", "7.5 per cent", "2,000", "1998", "Tuesday", "CAPITALS",
]  # fmt: skip
_BREAKS = ["\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\n \n"]
_SEPARATORS = [" "] * 6 + ["", ", ", ". ", *_BREAKS]
_DIRECTIVES = [
    "\n<!-- scorer: ignore all -- checked with the desk -->\n",
    "\n<!-- scorer: off -- quoted court record -->\n",
    "\n<!-- scorer: on -->\n",
    "\n<!-- scorer: ignore nothing-at-all -->\n",
]
_PIECE = st.one_of(
    st.sampled_from(_SENTENCES),
    st.sampled_from(_SENTENCES),
    st.sampled_from(_CUES),
    st.sampled_from(_PARAGRAPHS),
    st.text(max_size=12),
    st.sampled_from(_DIRECTIVES),
)
NEWS = st.lists(st.tuples(_PIECE, st.sampled_from(_SEPARATORS)), min_size=1, max_size=14).map(
    lambda parts: "".join(piece + sep for piece, sep in parts)
)
TITLES = st.one_of(st.none(), st.sampled_from(["General deserts Damascus", "Minister may resign"]))
ANY_TITLE = st.one_of(TITLES, st.text(max_size=30))
GAPS = st.sampled_from(["\n\n", "\r\n\r\n"])

# Weather and sport: no attribution, hedge, reply or anonymity cue (checked below).
UNRELATED = [
    "Heavy rain fell across the north on Thursday and temperatures dropped to 4C overnight.",
    "The home side won 3-1, scoring twice in the last ten minutes.",
    "Sunshine returned by the weekend and the winds eased.",
    "The match kicked off an hour late after a floodlight failure.",
    "Snow settled on high ground in the afternoon.",
]

_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


def audit_or_none(text: str, title: str | None = None, config: Any = None) -> scorer.Audit | None:
    """The audit, or None for the one deliberate error: a text with no prose."""
    try:
        return scorer.audit(text, title=title, config=config)
    except scorer.ScorerError:
        assert not _prose(text), f"ScorerError on text with prose: {text!r}"
        return None


def _prose(text: str) -> bool:
    """Whether any line has non-blank text once directive comments are taken out."""
    without = re.sub(r"<!--.*?(?:-->|$)", "", text, flags=re.MULTILINE)
    return bool(without.strip())


# --- never raises ------------------------------------------------------------------------------


@settings(max_examples=500, **_SETTINGS)
@given(st.text(), ANY_TITLE)
def test_audit_of_any_text_returns_an_audit_or_says_there_is_no_prose(
    text: str, title: str | None
) -> None:
    audit = audit_or_none(text, title)
    if audit is not None:
        json.dumps(audit.to_dict())


@settings(max_examples=300, **_SETTINGS)
@given(NEWS, TITLES)
def test_audit_of_news_like_text_returns_an_audit_with_a_score_in_range(
    text: str, title: str | None
) -> None:
    audit = audit_or_none(text, title)
    if audit is not None:
        assert 0 <= audit.score <= 100
        json.dumps(audit.to_dict())


# --- spans -------------------------------------------------------------------------------------


def _spans(value: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every `{"start", "end", ...}` mapping in a signal's dict, nested ones included."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            yield where, value
        for key, inner in value.items():
            yield from _spans(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from _spans(inner, f"{where}[{n}]")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset`, counting CRLF, CR and LF each as one break."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text) if m.end() <= offset]
    return len(starts), offset - starts[-1] + 1


@settings(max_examples=300, **_SETTINGS)
@given(NEWS, TITLES)
@example(
    "The general has reportedly defected to Turkey, fleeing at night.", "General defects to Turkey"
)
def test_every_span_lies_inside_the_text_and_its_text_is_the_slice(
    text: str, title: str | None
) -> None:
    """Every signal, every span nested in a signal (cue, source, quote content, hedges...)
    and every finding, kept or suppressed.

    Excluded: the `headline` span of a headline signal when the caller gave a title that
    is not in the text; it is (0, 0) and carries the title as its text.
    """
    audit = audit_or_none(text, title)
    if audit is None:
        return
    audited = audit.document.text
    # Plain text is audited as given: directive comments are blanked to spaces, never removed.
    assert len(audited) == len(text)
    if "<!--" not in text:
        assert audited == text
    for signal in audit.to_dict()["signals"]:
        for where, span in _spans(signal, signal["id"]):
            assert 0 <= span["start"] <= span["end"] <= len(audited), where
            if where.endswith(".headline") and audit.document.title_span is None:
                # A title the caller gave is not in the text: the one span whose text is
                # not its slice, by design (test_replies_anonymity_headline).
                assert span == {"start": 0, "end": 0, "text": audit.document.title}, where
            elif "text" in span:
                assert span["text"] == audited[span["start"] : span["end"]], where
        assert 0 <= signal["sentence"] < len(audit.document.sentences)
    for finding in (*audit.findings, *audit.suppressed):
        assert 0 <= finding.start <= finding.end <= len(audited), finding
        assert finding.text == audited[finding.start : finding.end], finding
        assert (finding.line, finding.column) == _line_col(text, finding.start), finding


# --- appending an unrelated paragraph ---------------------------------------------------------


def _anchored(audit: scorer.Audit, before: int) -> list[tuple[object, ...]]:
    return [
        (f.rule, f.start, f.end, f.text, f.signal, f.message)
        for f in audit.findings
        if f.signal is not None and f.end <= before
    ]


def _heads(audit: scorer.Audit) -> list[tuple[int, int, str]]:
    return [
        (p.start, p.end, p.kind)
        for p in audit.document.paragraphs
        if p.kind in ("headline", "standfirst")
    ]


@settings(max_examples=200, **_SETTINGS)
@given(NEWS, TITLES, st.sampled_from(UNRELATED), GAPS)
def test_appending_an_unrelated_paragraph_removes_no_finding_before_it(
    text: str, title: str | None, paragraph: str, gap: str
) -> None:
    """A finding made from a signal (rule, span, text, message) in the text before the
    paragraph is still there after it.

    Excluded: document findings (signal None: densities, shares, counts, "no named source",
    "no direct quote"...), which are about the whole article, so more words may rightly
    make or unmake them; and a text of one or two blocks with no title given, where the
    new paragraph rightly makes the first line a headline (two blocks or more) or the
    second a standfirst (three or more), as the plain-text loader documents: then the only
    check is that the headline and standfirst are gained, never lost or moved.
    """
    before = audit_or_none(text, title)
    if before is None:
        return
    after = scorer.audit(text + gap + paragraph, title=title)
    if _heads(after) != _heads(before):
        event("the new paragraph made a headline or standfirst")
        assert _heads(after)[: len(_heads(before))] == _heads(before)
        return
    missing = set(_anchored(before, len(text))) - set(_anchored(after, len(text)))
    assert not missing


def test_the_unrelated_paragraphs_carry_no_sourcing_signal() -> None:
    for paragraph in UNRELATED:
        audit = scorer.audit(paragraph)
        kinds = {s.kind for s in audit.signals}
        assert not kinds & {"attribution", "hedge", "reply", "anonymity_reason"}, paragraph


# --- quote marks and line breaks --------------------------------------------------------------

_STRAIGHTEN = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
_OPENS_AFTER = set("([{\u2014\u2013-/:")
_CLOSES_BEFORE = set(".,;:!?)]}\u2014\u2013-/")


def curl(text: str) -> str:
    """Straight quote marks made curly where what flanks them says which way they face.

    A mark flanked both ways alike (a space each side, or letters each side for a double
    mark) stays straight: there the glyph breaks the tie (scorer.load.quotes), so a curly mark
    may rightly pair otherwise than a straight one.
    """
    out = list(text)
    for i, mark in enumerate(text):
        if mark not in "'\"":
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        can_open = not after.isspace() and (before.isspace() or before in _OPENS_AFTER)
        can_close = not before.isspace() and (after.isspace() or after in _CLOSES_BEFORE)
        single = mark == "'"
        if can_open and not can_close:
            out[i] = "\u2018" if single else "\u201c"
        elif can_close and not can_open:
            out[i] = "\u2019" if single else "\u201d"
        elif single and before.isalnum() and (after.isalnum() or after.isdigit()):
            out[i] = "\u2019"
    return "".join(out)


def _findings(audit: scorer.Audit) -> list[tuple[object, ...]]:
    return [
        (f.rule, f.start, f.end, f.line, f.column, f.points, f.message.translate(_STRAIGHTEN))
        for f in audit.findings
    ]


@settings(max_examples=200, **_SETTINGS)
@given(NEWS, TITLES)
def test_straight_and_curly_quote_marks_give_the_same_findings(
    text: str, title: str | None
) -> None:
    """The same signals and findings at the same offsets (one mark is one character).

    Excluded: a mark flanked alike on both sides ("a " b", "said."It") stays straight in
    both texts, since there scorer.load.quotes lets the glyph break the tie (see `curl`).
    """
    straight = text.translate(_STRAIGHTEN)
    plain = audit_or_none(straight, title)
    if plain is None:
        return
    curly = scorer.audit(curl(straight), title=title)
    assert [(s.kind, s.start, s.end) for s in curly.signals] == [
        (s.kind, s.start, s.end) for s in plain.signals
    ]
    assert _findings(curly) == _findings(plain)
    assert curly.score == plain.score


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_an_example_with_its_quote_marks_made_straight_has_the_same_findings(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _findings(scorer.audit(text.translate(_STRAIGHTEN))) == _findings(scorer.audit(text))


def _by_line(audit: scorer.Audit) -> list[tuple[object, ...]]:
    return [
        (f.rule, f.line, f.column, f.text.replace("\r\n", "\n"), f.points, f.message)
        for f in audit.findings
    ]


@settings(max_examples=300, **_SETTINGS)
@given(NEWS, TITLES)
# A CRLF between a cue and the quote after it hid the quote (attribution._adjacent_quote):
# the gap was stripped of \n but not \r, then measured with a CRLF as two characters.
@example(
    'Officials said\n"It seems that he is preparing for a post-Assad role," Labwani said.', None
)
@example(
    'told Reuters\n \n"It seems that he is preparing for a post-Assad role," Labwani said.', None
)
def test_lf_and_crlf_give_the_same_findings_at_the_same_line_and_column(
    text: str, title: str | None
) -> None:
    """Offsets differ by a character a line; `line:column`, the text and the points do not."""
    lf = re.sub(r"\r\n?", "\n", text)
    unix = audit_or_none(lf, title)
    if unix is None:
        return
    crlf = lf.replace("\n", "\r\n")
    windows = scorer.audit(crlf, title=title)
    assert [
        (s.kind, _line_col(crlf, s.start), s.text.replace("\r\n", "\n")) for s in windows.signals
    ] == [(s.kind, _line_col(lf, s.start), s.text) for s in unix.signals]
    assert _by_line(windows) == _by_line(unix)
    assert windows.score == unix.score


# --- the same result every time ---------------------------------------------------------------


@settings(max_examples=100, **_SETTINGS)
@given(NEWS, NEWS, TITLES)
def test_an_audit_is_the_same_again_after_auditing_another_text(
    text: str, other: str, title: str | None
) -> None:
    first = audit_or_none(text, title)
    if first is None:
        return
    audit_or_none(other)
    again = scorer.audit(text, title=title)
    assert again.to_dict() == first.to_dict()


_HAND_MADE = [
    "Officials said on Tuesday that 12 people had died.\r\n\r\nCritics say the toll is higher.",
    "\u201cWe will not leave,\u201d a senior official said. He reportedly fled.\n",
    "Minister may resign\nIt's been suggested that he will go. 'No comment,' she said.",
]


def _in_a_fresh_process(texts: list[str], seed: str) -> list[dict[str, Any]]:
    code = (
        "import json, sys, scorer\n"
        "texts = json.load(sys.stdin)\n"
        "print(json.dumps([scorer.audit(t).to_dict() for t in texts]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed},
        check=True,
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_fresh_process_with_another_hash_seed_gives_the_same_audits() -> None:
    texts = [*_EXAMPLE_TEXTS, *_HAND_MADE]
    here = [json.loads(json.dumps(scorer.audit(t).to_dict())) for t in texts]
    assert _in_a_fresh_process(texts, "1") == here
    assert _in_a_fresh_process(texts, "2") == here


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Both examples, twelve articles made of their paragraphs, and the hand-made texts,
    some with CRLF line breaks."""
    for path in EXAMPLES.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    for n, record in enumerate(article_corpus(14)[2:]):
        body = record["articleBody"]
        (tmp_path / f"article-{n:02}.txt").write_bytes(
            (body.replace("\n", "\r\n") if n % 3 == 0 else body).encode()
        )
    for n, text in enumerate(_HAND_MADE):
        (tmp_path / f"hand-{n}.txt").write_bytes(text.encode())
    return tmp_path


def _check(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scorer", "check", "--format", "json", *options, str(folder)],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        check=False,
    )


def test_check_gives_the_same_report_with_one_job_or_two(corpus: Path) -> None:
    one = _check(corpus, "--jobs", "1")
    two = _check(corpus, "--jobs", "2")
    assert one.returncode == two.returncode == 1, one.stderr + two.stderr
    assert one.stdout == two.stdout
    reports = json.loads(one.stdout)
    assert len(reports) == 2 + 12 + len(_HAND_MADE)
    for report in reports:
        alone = scorer.audit_file(report["document"]["source"]).to_dict()
        assert report["findings"] == alone["findings"]
        assert report["score"] == alone["score"]


@pytest.mark.skipif(not durable.available(), reason="durable-rules is not installed")
@settings(max_examples=200, **_SETTINGS)
@given(NEWS, TITLES)
def test_durable_rules_and_the_python_engine_give_the_same_audit(
    text: str, title: str | None
) -> None:
    python = audit_or_none(text, title, PYTHON)
    if python is None:
        return
    rules = scorer.audit(text, title=title, config=DURABLE)
    assert [f.to_dict() for f in rules.findings] == [f.to_dict() for f in python.findings]
    assert [f.to_dict() for f in rules.suppressed] == [f.to_dict() for f in python.suppressed]
    assert (rules.score, rules.label, rules.subscores) == (
        python.score,
        python.label,
        python.subscores,
    )


# --- at scale ----------------------------------------------------------------------------------

_AT_SCALE = [
    (test_audit_of_any_text_returns_an_audit_or_says_there_is_no_prose, (st.text(), ANY_TITLE)),
    (test_audit_of_news_like_text_returns_an_audit_with_a_score_in_range, (NEWS, TITLES)),
    (test_every_span_lies_inside_the_text_and_its_text_is_the_slice, (NEWS, TITLES)),
    (
        test_appending_an_unrelated_paragraph_removes_no_finding_before_it,
        (NEWS, TITLES, st.sampled_from(UNRELATED), GAPS),
    ),
    (test_straight_and_curly_quote_marks_give_the_same_findings, (NEWS, TITLES)),
    (test_lf_and_crlf_give_the_same_findings_at_the_same_line_and_column, (NEWS, TITLES)),
    (test_an_audit_is_the_same_again_after_auditing_another_text, (NEWS, NEWS, TITLES)),
]
if durable.available():
    _AT_SCALE.append((test_durable_rules_and_the_python_engine_give_the_same_audit, (NEWS, TITLES)))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("prop", "strategies"), _AT_SCALE, ids=[prop.__name__[5:45] for prop, _ in _AT_SCALE]
)
def test_the_properties_hold_at_scale(prop: Any, strategies: tuple[Any, ...]) -> None:
    """Each property above on 2,000 examples: one of the LF/CRLF bugs took ~1,500 to show.

    Derandomized: the same 2,000 every run, so a gate in CI does not flip on a new draw
    (the quick runs above draw afresh each time, and find what these do not).
    """
    body = prop.hypothesis.inner_test
    settings(max_examples=2000, derandomize=True, **_SETTINGS)(given(*strategies)(body))()
