"""Inline suppression: directives in a draft that set findings aside, with a reason.

A directive is an HTML comment on a line of its own (white space around it, nothing else:
not inside a Markdown block quote) in a Markdown or plain-text article:

    <!-- scorer: ignore anonymous-source-no-reason -- source protected, see editor's note -->
    Multiple sources tell Reuters that he crossed the border.

* `ignore RULE[, RULE...] -- reason`: findings of those rules that start in the next
  paragraph are suppressed. The next paragraph is the first block the loader finds after
  the directive: in Markdown a paragraph, heading or table row (one item of a list, not the
  list); in plain text a block of lines between blank lines, or one line where each line
  of the block is a paragraph (text pasted from a web page). Several directives can stack
  above one paragraph. `ignore all -- reason` suppresses every rule there.
* `off -- reason` ... `on`: every finding that starts from the `off` comment up to the
  `on` comment is suppressed; an `off` with no `on` runs to the end of the document.

The reason, the text after ` -- `, is required on `ignore` and `off` (on `on` it is
optional). Ids may be separated by commas or spaces. Not a directive: `<!-- scorer: ...`
in a fenced or indented code block or in front matter of a Markdown file. Everything else
that starts `<!-- scorer:` and is not a well-formed directive on its own line (no reason,
an unknown verb, a rule id no rule of the run has, an `on` with no `off`, a comment not
closed on its line) suppresses nothing and is reported as a `Notice` with its line:column.

Document-wide findings (span 0..0, such as hedge density) are taken to start where the
first paragraph of the document starts (its headline, when it has one): an `ignore` above
the first paragraph, or an `off` range covering it, suppresses them; an `off` further down
does not, since those findings are about the whole article. Findings placed on the
headline or the lede are suppressed like any other, by where their span starts.

Suppressed findings are never dropped: they are listed apart with their reason and take
no points, and they do not use up their rule's cap (`scorer.scoring.points.fold` asks `reason`
before it allots points). HTML is not supported: the extractor drops comments before we
see the text, so directives in an HTML page have no effect.

Parsing is linear in the text: string searches and regular expressions with no nested or
overlapping repetition, so 100,000 unclosed `<!--` cost milliseconds.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from scorer.load.document import Span, line_starts

if TYPE_CHECKING:
    pass

VERBS = ("ignore", "off", "on")
ALL = "all"
_OPENER = re.compile(r"<!--[ \t]*scorer[ \t]*:", re.IGNORECASE)
_CLOSER = "-->"
_WORDS = re.compile(r"[^\s,]+")


@dataclass(frozen=True, slots=True)
class Directive:
    """One `<!-- scorer: ... -->` comment: what it says and the text it covers.

    `start`/`end` are the comment itself (to its `-->`, or to the end of its line when it is
    not closed there). `scope` is what it suppresses: for `ignore` the next paragraph, for
    `off` the range up to its `on` (or the end of the text); None for `on`. `problem` says
    why it suppresses nothing, or is None when it is well formed.
    """

    verb: str
    rules: tuple[str, ...]
    reason: str
    start: int
    end: int
    scope: Span | None = None
    problem: str | None = None


def parse(text: str, *, not_prose: Sequence[tuple[int, int]] = ()) -> tuple[Directive, ...]:
    """Every `<!-- scorer:` comment of `text` as a Directive, in text order.

    `not_prose` are sorted, disjoint (start, end) ranges where a comment is not a
    directive (a Markdown code block): comments starting there are left out entirely.
    """
    if "<!--" not in text:
        return ()
    starts = line_starts(text)
    closes = [m.start() for m in re.finditer(re.escape(_CLOSER), text)]
    skip_starts = [a for a, _ in not_prose]
    found: list[Directive] = []
    openers = list(_OPENER.finditer(text))
    opener_starts = [m.start() for m in openers]
    covered = 0  # end of the last closed comment: an opener inside it is part of its text
    for i, match in enumerate(openers):
        pos = match.start()
        n = bisect_right(skip_starts, pos) - 1
        if pos < covered or (n >= 0 and pos < not_prose[n][1]):
            continue
        line = bisect_right(starts, pos) - 1
        line_end = _line_end(text, starts, line)
        # Another opener earlier on the line is text before this one; checking it first
        # keeps a line of 100,000 openers linear (no slice from the line start for each).
        after_another = i > 0 and openers[i - 1].start() >= starts[line]
        led = not after_another and not text[starts[line] : pos].strip()
        # The first `-->` after the opener, found by bisection: a search from each opener
        # would rescan the same line once per opener (quadratic on `<!-- scorer:` x 100,000).
        k = bisect_right(closes, match.end() - 1)
        close = closes[k] if k < len(closes) else len(text)
        if close + len(_CLOSER) > line_end:
            # Not closed: it runs to the next opener or the end of its line.
            end = min(line_end, openers[i + 1].start()) if i + 1 < len(openers) else line_end
            directive = _unread(text[match.end() : end], pos, end)
            found.append(directive)
            continue
        covered = end = close + len(_CLOSER)
        later = bisect_left(opener_starts, end)
        another_after = later < len(openers) and opener_starts[later] < line_end
        alone = led and not another_after and not text[end:line_end].strip()
        directive = _read(text[match.end() : close], pos, end)
        if not alone and directive.problem is None:
            directive = replace(directive, problem="must be on a line of its own")
        found.append(directive)
    return _pair(found, starts, len(text))


def aim(
    directives: Sequence[Directive], blocks: Sequence[tuple[int, int]]
) -> tuple[Directive, ...]:
    """Give each well-formed `ignore` the paragraph it covers: the first block after it.

    `blocks` are the (start, end) of the paragraphs the loader found, in text order.
    """
    firsts = [start for start, _ in blocks]
    out = []
    for directive in directives:
        if directive.verb == "ignore" and directive.problem is None:
            n = bisect_left(firsts, directive.end)
            if n < len(blocks):
                directive = replace(directive, scope=Span(*blocks[n]))
            else:
                directive = replace(directive, problem="has no paragraph after it")
        out.append(directive)
    return tuple(out)


def blank(text: str, directives: Sequence[Directive]) -> str:
    """`text` with each directive comment made spaces: same length, same line breaks.

    A directive never spans a line break (it is closed on its line or cut at its end).
    """
    if not directives:
        return text
    out, at = [], 0
    for directive in directives:
        out += [text[at : directive.start], " " * (directive.end - directive.start)]
        at = directive.end
    out.append(text[at:])
    return "".join(out)


def _line_end(text: str, starts: tuple[int, ...], line: int) -> int:
    """Offset of the line break that ends `line`, or the end of the text."""
    if line + 1 >= len(starts):
        return len(text)
    after = starts[line + 1]
    return after - 2 if text.startswith("\r\n", after - 2) else after - 1


def _unread(rest: str, start: int, end: int) -> Directive:
    """A comment not closed on its line: its verb if it has one, for the notice."""
    words = _WORDS.findall(rest.partition("--")[0])
    verb = words[0].lower() if words and words[0].lower() in VERBS else ""
    return Directive(verb, (), "", start, end, problem="is not closed with `-->` on its line")


def _read(body: str, start: int, end: int) -> Directive:
    """What the text between `scorer:` and `-->` says."""
    head, dashes, reason = body.partition("--")
    reason = " ".join(reason.split())
    words = _WORDS.findall(head)
    verb = words[0].lower() if words else ""
    rules = tuple(words[1:])
    problem = None
    if not verb:
        problem = "names no verb (ignore, off or on)"
    elif verb not in VERBS:
        problem = f"has an unknown verb '{words[0]}' (expected ignore, off or on)"
        verb = ""
    elif verb == "ignore" and not rules:
        problem = "names no rule (give rule ids, or `all`)"
    elif verb == "ignore" and ALL in rules and len(rules) > 1:
        problem = "names `all` and rule ids; give one or the other"
    elif verb != "ignore" and rules:
        problem = "takes no rule ids (`ignore` names rules)"
    elif verb != "on" and not reason:
        problem = "needs a reason after ` -- `"
    return Directive(verb, rules, reason if dashes else "", start, end, problem=problem)


def _pair(found: list[Directive], starts: tuple[int, ...], length: int) -> tuple[Directive, ...]:
    """Close each `off` at the next `on`; an `off` while off, or a lone `on`, is a problem."""
    out: list[Directive] = []
    open_at: int | None = None  # index in `out` of the `off` in force
    for directive in found:
        if directive.problem is None and directive.verb == "off":
            if open_at is not None:
                since = bisect_right(starts, out[open_at].start)
                problem = f"comes while already off (since line {since})"
                directive = replace(directive, problem=problem)
            else:
                open_at = len(out)
        elif directive.problem is None and directive.verb == "on":
            if open_at is None:
                directive = replace(directive, problem="has no `off` before it")
            else:
                off = out[open_at]
                out[open_at] = replace(off, scope=Span(off.start, directive.start))
                open_at = None
        out.append(directive)
    if open_at is not None:
        off = out[open_at]
        out[open_at] = replace(off, scope=Span(off.start, length))
    return tuple(out)
