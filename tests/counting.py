"""Work counted, not timed: how the linearity tests tell linear from quadratic on any machine.

CPU time on a busy machine is noise; a count of steps is the same on every run. Two counts:

* `python_work(function, arg)`: the Python lines run and the calls made (Python and C)
  while `function(arg)` runs: every loop of the pipeline's own code shows in it, however
  fast the machine. What a single C call does inside (a regular expression's backtracking,
  a `str.find` over the whole text) counts once: the first is `regex_steps`' to count, the
  second `bench/linearity.py`'s to time.
* `regex_steps(pattern, text, ...)`: the steps a backtracking matcher takes to search or
  match `text`, counted by interpreting the pattern's parse tree as `re` does (greedy and
  lazy repeats tried longest or shortest first, alternatives in order, lookarounds, and
  every start position of a search). Its counts are not `re`'s, but they grow as `re`'s
  time does: quadratic or exponential backtracking shows as quadratic or exponential steps.
"""

from __future__ import annotations

import functools
import gc
import re
import sys
from collections.abc import Callable
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

FACTOR = 4
BOUND = 10.0  # 4x the input may cost at most 10x the work: quadratic would be 16x


# -- Python work ----------------------------------------------------------------------------


def python_work(function: Callable[[Any], object], arg: Any) -> int:
    """Lines run plus calls made while `function(arg)` runs, with the collector paused."""
    events = 0

    def trace(frame: Any, event: str, _: Any) -> Any:
        nonlocal events
        events += 1
        return trace

    def profile(frame: Any, event: str, _: Any) -> None:
        nonlocal events
        if event == "c_call":
            events += 1

    gc.disable()
    sys.settrace(trace)
    sys.setprofile(profile)
    try:
        function(arg)
    finally:
        sys.setprofile(None)
        sys.settrace(None)
        gc.enable()
    return events


# -- regular expression steps -----------------------------------------------------------------


class TooManySteps(Exception):
    """More steps than the caller allowed: the answer is already known to be "too many"."""


Next = Callable[[int], bool]
Node = Callable[[str, int, Next], bool]


class _Counter:
    def __init__(self, cap: float) -> None:
        self.steps = 0
        self.cap = cap

    def tick(self) -> None:
        self.steps += 1
        if self.steps > self.cap:
            raise TooManySteps


def regex_steps(
    pattern: re.Pattern[Any],
    text: str | bytes,
    *,
    searched: bool = True,
    window: int | None = None,
    cap: float = float("inf"),
) -> int:
    """Steps to run `pattern` over `text` as the code uses it: every match found by a search
    from the start (`finditer`), a match at 0, or a search of the last `window` characters.
    Raises TooManySteps past `cap`."""
    return regex_run(pattern, text, searched=searched, window=window, cap=cap)[0]


def regex_run(
    pattern: re.Pattern[Any],
    text: str | bytes,
    *,
    searched: bool = True,
    window: int | None = None,
    cap: float = float("inf"),
) -> tuple[int, list[tuple[int, int]]]:
    """The steps, and the spans matched (which a test holds to `re`'s own)."""
    node, first, counter = _compiled(pattern.pattern, pattern.flags)
    counter.steps, counter.cap = 0, cap
    if isinstance(text, bytes):
        text = text.decode("latin-1")
    spans: list[tuple[int, int]] = []
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 100_000))
    try:
        start = max(0, len(text) - window) if window is not None else 0
        while start <= len(text):
            if first is not None and (start == len(text) or not first(text[start])):
                if not (searched or window is not None):
                    break
                start += 1
                continue
            end: list[int] = []
            if node(text, start, _recording(end)):
                spans.append((start, end[0]))
                if window is not None or not searched:
                    break
                start = end[0] if end[0] > start else start + 1
            elif searched or window is not None:
                start += 1
            else:
                break
    finally:
        sys.setrecursionlimit(limit)
    return counter.steps, spans


@functools.cache
def _compiled(
    source: str | bytes, flags: int
) -> tuple[Node, Callable[[str], bool] | None, _Counter]:
    """The pattern as nodes that count into their counter, and the test of the characters
    a match can start with. As `re` does, a search skips the positions where no match can
    start without trying the pattern there: those cost it next to nothing, and nothing here.
    """
    if isinstance(source, bytes):
        source = source.decode("latin-1")
    counter = _Counter(float("inf"))
    parsed = P.parse(source, flags)
    return _compile(parsed, flags, counter), _first(parsed, flags), counter


_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def _first(items: Any, flags: int) -> Callable[[str], bool] | None:
    """A test of the characters a match can start with, or None when a match may be empty
    or start with anything (then every position is tried)."""
    tests: list[Callable[[str], bool]] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # looks, but consumes nothing: the next item starts the match
        single = _char_test(op, av, flags)
        if single is not None:
            tests.append(single)
            return lambda c: any(test(c) for test in tests)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            body = _first(av[2], flags)
            if body is None:
                return None
            tests.append(body)
            if av[0] > 0:
                return lambda c: any(test(c) for test in tests)
        elif op is C.SUBPATTERN:
            _, add, remove, body_items = av
            body = _first(body_items, (flags | add) & ~remove)
            if body is None or body_items.getwidth()[0] == 0:
                return None
            tests.append(body)
            return lambda c: any(test(c) for test in tests)
        elif op is C.BRANCH:
            branches = [_first(branch, flags) for branch in av[1]]
            if any(b is None for b in branches) or any(b.getwidth()[0] == 0 for b in av[1]):
                return None
            tests.extend(branches)  # type: ignore[arg-type]
            return lambda c: any(test(c) for test in tests)
        else:
            return None
    return None  # the pattern can match the empty string


def _recording(end: list[int]) -> Next:
    """The last continuation: the match ends here; say where."""

    def record(j: int) -> bool:
        end.append(j)
        return True

    return record


def _word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    C.CATEGORY_DIGIT: str.isdecimal,
    C.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    C.CATEGORY_SPACE: str.isspace,
    C.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    C.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


def _equal_to(want: str) -> Callable[[str], bool]:
    return lambda c: c == want


def _char_test(op: Any, av: Any, flags: int) -> Callable[[str], bool] | None:
    """A test of one character for a node that matches exactly one, else None."""
    fold = bool(flags & re.IGNORECASE)

    def folded(test: Callable[[str], bool]) -> Callable[[str], bool]:
        return (lambda c: test(c) or test(c.lower()) or test(c.upper())) if fold else test

    if op is C.LITERAL:
        return folded(_equal_to(chr(av)))
    if op is C.NOT_LITERAL:
        same = folded(_equal_to(chr(av)))
        return lambda c: not same(c)
    if op is C.ANY:
        return (lambda c: True) if flags & re.DOTALL else (lambda c: c != "\n")
    if op is C.IN:
        negate = False
        tests: list[Callable[[str], bool]] = []
        for item_op, item in av:
            if item_op is C.NEGATE:
                negate = True
            elif item_op is C.LITERAL:
                tests.append(_equal_to(chr(item)))
            elif item_op is C.RANGE:
                tests.append(lambda c, lo=item[0], hi=item[1]: lo <= ord(c) <= hi)
            elif item_op is C.CATEGORY:
                tests.append(_CATEGORIES[item])
            else:
                raise NotImplementedError(f"character set item {item_op}")
        inside = folded(lambda c: any(test(c) for test in tests))
        return (lambda c: not inside(c)) if negate else inside
    return None


def _compile(items: Any, flags: int, counter: _Counter) -> Node:
    """The node matching a sequence of parsed items, one after the other."""
    nodes = [_item(op, av, flags, counter) for op, av in items]

    def sequence(text: str, i: int, then: Next, at: int = 0) -> bool:
        if at == len(nodes):
            return then(i)
        return nodes[at](text, i, lambda j: sequence(text, j, then, at + 1))

    return sequence


def _item(op: Any, av: Any, flags: int, counter: _Counter) -> Node:
    tick = counter.tick
    single = _char_test(op, av, flags)
    if single is not None:

        def one(text: str, i: int, then: Next) -> bool:
            tick()
            return i < len(text) and single(text[i]) and then(i + 1)

        return one
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        low, high, body = av
        test = _char_test(*body[0], flags) if len(body) == 1 else None
        if test is not None:
            return _repeat_one(test, low, high, op is C.MAX_REPEAT, tick)
        return _repeat(_compile(body, flags, counter), low, high, op is C.MAX_REPEAT, tick)
    if op is C.SUBPATTERN:
        _, add, remove, body = av
        return _compile(body, (flags | add) & ~remove, counter)
    if op is C.BRANCH:
        branches = [_compile(branch, flags, counter) for branch in av[1]]

        def branch(text: str, i: int, then: Next) -> bool:
            tick()
            return any(alternative(text, i, then) for alternative in branches)

        return branch
    if op in (C.ASSERT, C.ASSERT_NOT):
        direction, body = av
        inner = _compile(body, flags, counter)
        width = body.getwidth()[0]
        wanted = op is C.ASSERT

        def look(text: str, i: int, then: Next) -> bool:
            tick()
            if direction > 0:
                found = inner(text, i, lambda j: True)
            else:
                found = i - width >= 0 and inner(text, i - width, lambda j: j == i)
            return found == wanted and then(i)

        return look
    if op is C.AT:
        return _at(av, flags, tick)
    raise NotImplementedError(f"{op} is not counted yet: teach tests/counting.py")


def _repeat_one(test: Callable[[str], bool], low: int, high: int, greedy: bool, tick: Any) -> Node:
    """A repeat of one character: taken as far as it goes, then given back one at a time
    (greedy), or taken one at a time as needed (lazy)."""

    def greedy_repeat(text: str, i: int, then: Next) -> bool:
        tick()
        j = i
        while j - i < high and j < len(text) and test(text[j]):
            tick()
            j += 1
        while j - i >= low:
            tick()
            if then(j):
                return True
            j -= 1
        return False

    def lazy_repeat(text: str, i: int, then: Next) -> bool:
        tick()
        j = i
        while j - i < low:
            if j >= len(text) or not test(text[j]):
                return False
            tick()
            j += 1
        while True:
            tick()
            if then(j):
                return True
            if j - i >= high or j >= len(text) or not test(text[j]):
                return False
            j += 1

    return greedy_repeat if greedy else lazy_repeat


def _repeat(body: Node, low: int, high: int, greedy: bool, tick: Any) -> Node:
    """A repeat of a longer body, tried by backtracking over the number of repetitions."""

    def repeat(text: str, i: int, then: Next, count: int = 0) -> bool:
        tick()

        def more() -> bool:
            return count < high and body(
                text, i, lambda j: (j != i or count < low) and repeat(text, j, then, count + 1)
            )

        if greedy:
            return more() or (count >= low and then(i))
        return (count >= low and then(i)) or more()

    return repeat


def _at(code: Any, flags: int, tick: Any) -> Node:
    multiline = bool(flags & re.MULTILINE)

    def holds(text: str, i: int) -> bool:
        if code is C.AT_BOUNDARY:
            return _word(text, i - 1) != _word(text, i)
        if code is C.AT_NON_BOUNDARY:
            return _word(text, i - 1) == _word(text, i)
        if code is C.AT_BEGINNING_STRING or (code is C.AT_BEGINNING and not multiline):
            return i == 0
        if code is C.AT_BEGINNING:
            return i == 0 or text[i - 1] == "\n"
        if code is C.AT_END_STRING:
            return i == len(text)
        if code is C.AT_END and not multiline:
            return i == len(text) or (i == len(text) - 1 and text[i] == "\n")
        if code is C.AT_END:
            return i == len(text) or text[i] == "\n"
        raise NotImplementedError(f"{code} is not counted yet: teach tests/counting.py")

    def at(text: str, i: int, then: Next) -> bool:
        tick()
        return holds(text, i) and then(i)

    return at


# -- the checks -------------------------------------------------------------------------------


def assert_linear(
    work: Callable[[Any], object],
    make: Callable[[int], Any],
    n: int,
    *,
    prepare: Callable[[Any], Any] = lambda x: x,
    size: Callable[[Any, object], int] | None = None,
) -> tuple[int, int]:
    """Count the work of `work(prepare(make(n)))` and of 4n; fail if superlinear.

    With `size(input, result)`, work is held to the growth of that size instead of the
    input's: work whose output grows faster than its input may do as much more as its
    output is longer, and no more. `prepare` is not counted. Returns the two counts.
    """
    small, big = make(n), make(FACTOR * n)
    # Uncounted runs first: imports, compiled lexicon patterns and caches are warm after them.
    result, big_result = work(prepare(small)), work(prepare(big))
    bound = BOUND
    if size is not None:
        growth = size(big, big_result) / max(size(small, result), 1)
        bound = BOUND * max(1.0, growth / FACTOR)
    w1 = python_work(work, prepare(small))
    w4 = python_work(work, prepare(big))
    assert w4 <= bound * w1, (
        f"n={n}: {w1:,} steps, {FACTOR}n: {w4:,} (ratio {w4 / w1:.1f}, bound {bound:.1f})"
    )
    return w1, w4


def assert_linear_steps(
    pattern: re.Pattern[Any],
    small: str | bytes,
    big: str | bytes,
    *,
    searched: bool = True,
    window: int | None = None,
) -> None:
    """The backtracking steps of `pattern` over `big` (4x `small`) at most `BOUND` times
    those over `small`; counting stops as soon as they are more."""
    options = {"searched": searched, "window": window}
    steps = regex_steps(pattern, small, **options)
    try:
        regex_steps(pattern, big, cap=BOUND * max(steps, 1), **options)
    except TooManySteps:
        raise AssertionError(
            f"{pattern.pattern!r} over {small[:20]!r}...: {steps:,} steps, and more than "
            f"{BOUND:.0f}x as many for {FACTOR}x the text"
        ) from None
