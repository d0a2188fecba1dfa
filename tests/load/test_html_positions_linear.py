"""Finding an HTML page's blocks in the page does not grow faster than the page.

In the style of tests/hardening/test_backtracking.py: work is counted, never timed
(tests/counting.py), at n and 4n; linear work is about 4 times as much, quadratic 16 times,
and a case fails past 10 times. Python lines and calls count the scan, the alignment and
the lookups; what `str.find` does inside is counted as the characters the searches were
allowed to scan (the budget scorer.load.html_locate keeps), since a block that is not in
the page would otherwise be looked for over the whole page, once per block.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from scorer.load import html_locate
from scorer.load.html_locate import locate
from scorer.load.types import Block
from tests.counting import BOUND, FACTOR, assert_linear

Inputs = tuple[str, str, list[Block], list[bool]]

SENTENCE = (
    "Officials said the <a href='/m'>ministry</a> confirmed the figures&nbsp;on Tuesday, "
    "according to two people who were briefed on the talks"
)
PLAIN = (
    "Officials said the ministry confirmed the figures on Tuesday, "
    "according to two people who were briefed on the talks"
)


def _inputs(paragraphs: list[str], texts: list[str]) -> Inputs:
    page = "<html><body>\n" + "\n".join(f"<p>{p}</p>" for p in paragraphs) + "\n</body></html>"
    text, blocks = "", []
    for chunk in texts:
        if text:
            text += "\n\n"
        blocks.append(Block(len(text), len(text) + len(chunk)))
        text += chunk
    return page, text + "\n", blocks, [False] * len(blocks)


def many_paragraphs(n: int) -> Inputs:
    return _inputs([f"{k}. {SENTENCE}." for k in range(n)], [f"{k}. {PLAIN}." for k in range(n)])


def one_long_paragraph(n: int) -> Inputs:
    return _inputs(["; ".join([SENTENCE] * n) + "."], ["; ".join([PLAIN] * n) + "."])


def nothing_found(n: int) -> Inputs:
    """Every block differs from the page in every fourth word: whole searches fail, and
    the alignment piece by piece has little to anchor on."""
    changed = " ".join(w + "x" if i % 4 == 0 else w for i, w in enumerate(PLAIN.split()))
    return _inputs([f"{k}. {SENTENCE}." for k in range(n)], [f"{k}. {changed}." for k in range(n)])


def short_ones_not_found(n: int) -> Inputs:
    """Short paragraphs, none of them in the page: too short to align piece by piece, so
    each is looked for whole, forward and then back over the page."""
    return _inputs(
        [f"Paragraph {k}: officials said." for k in range(n)],
        [f"Paragraph {k}: sources said." for k in range(n)],
    )


def _locate(inputs: Inputs) -> object:
    return locate(*inputs)


def test_a_page_of_many_paragraphs():
    assert_linear(_locate, many_paragraphs, 100)


def test_one_long_paragraph():
    assert_linear(_locate, one_long_paragraph, 100)


def test_paragraphs_that_are_not_in_the_page():
    assert_linear(_locate, nothing_found, 50)


def _scanned(inputs: Inputs) -> int:
    """The characters all the `str.find` calls of one `locate` were allowed to scan."""
    scanned = 0
    original = html_locate._Finder.find

    def counting(self: html_locate._Finder, needle: str, start: int, stop: int) -> int:
        nonlocal scanned
        before = self.left
        found = original(self, needle, start, stop)
        scanned += before - self.left
        return found

    html_locate._Finder.find = counting  # type: ignore[method-assign]
    try:
        locate(*inputs)
    finally:
        html_locate._Finder.find = original  # type: ignore[method-assign]
    return scanned


def _assert_scans_linearly(make: Callable[[int], Inputs], n: int) -> None:
    small, big = _scanned(make(n)), _scanned(make(FACTOR * n))
    assert big <= BOUND * small, f"n={n}: {small:,} characters, {FACTOR}n: {big:,}"


def test_searches_scan_a_page_of_many_paragraphs_linearly():
    _assert_scans_linearly(many_paragraphs, 200)


@pytest.mark.parametrize(("make", "n"), [(nothing_found, 200), (short_ones_not_found, 400)])
def test_searches_for_blocks_not_in_the_page_scan_it_linearly(make, n):
    # Unbounded, each block would be looked for over the whole page: 13x at 4n for the
    # short ones (and heading for 16x), against 4x with the budget.
    _assert_scans_linearly(make, n)


def _every_place(inputs: Inputs) -> object:
    source_map = locate(*inputs)
    return [source_map.file_span(offset) for offset in range(len(inputs[1]))]


def test_looking_up_every_character_of_a_long_paragraph():
    # Each lookup counts within one stretch and one segment; both are counted once.
    assert_linear(_every_place, one_long_paragraph, 20)
