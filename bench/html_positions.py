"""Do an HTML page's findings point at the page's lines? Before (extracted-text positions)
and after (positions found in the page: scorer.load.html_locate).

    python bench/html_positions.py [--data DIR] [--pages N] [--show N]

Pages: every tests/fixtures/*.html (real saved news pages), then, when ../shared/data holds
FNC-1 (fnc1/README_LOADER.md), N news pages built from its competition test bodies: each
body in a news-site template (navigation, share bar, a JSON-LD script repeating the
article, related links, footer), its headline from a related stance row, its paragraphs
wrapped over several source lines with inline links and emphasis, entities for quotes,
apostrophes and ampersands, the odd `&nbsp;`, `<br>` and comment. Nothing is written: the
pages are built in memory from the data read in place.

A finding "holds" when its reported line holds its words: the first three words of its
text (white space collapsed, quotes and dashes made straight) are in the page's text of
that line and the two after it (tags stripped, entities decoded: a sentence may wrap), and
the first of them on that line itself; or the same with the tags kept, for words in an
attribute value (a standfirst found in the <meta> description). "Exact" is stricter: the
page's text from the reported line and column on starts with those words. Findings placed
nowhere (a whole-document finding at 0..0) have no words and are not counted. "Located" is
the share whose span the page gave back (Finding.located).
"""

from __future__ import annotations

import argparse
import csv
import html
import random
import re
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scorer.errors import ScorerError
from scorer.load import load_string
from scorer.load.document import line_starts
from scorer.scoring.audit import Audit, audit_document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
FIXTURES = ROOT / "tests" / "fixtures"
TARGET = 0.90  # the target, on real saved pages

_TAG = re.compile(r"<[^<>]*>")
_FOLD = str.maketrans("\u2018\u2019\u201c\u201d\u2013\u2014\u00a0", "''\"\"-- ")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")


@dataclass
class Tally:
    findings: int = 0
    before: int = 0
    after: int = 0
    exact: int = 0
    located: int = 0

    def add(self, other: Tally) -> None:
        for name in ("findings", "before", "after", "exact", "located"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, name: str) -> str:
        n = max(self.findings, 1)
        return (
            f"{name:32} {self.findings:>8} {self.before / n:>8.1%} {self.after / n:>8.1%} "
            f"{self.exact / n:>8.1%} {self.located / n:>8.1%}"
        )


def _flat(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", text)).translate(_FOLD).split())


def _raw(text: str) -> str:
    return " ".join(html.unescape(text).translate(_FOLD).split())


def _words(text: str) -> str:
    return " ".join(text.translate(_FOLD).split()[:3])


def holds(page: str, line: int, words: str) -> bool:
    """The reported line (and the two after it) holds the words, the first on that line."""
    lines = page.splitlines()
    if not 1 <= line <= len(lines) or not words:
        return False
    window = " ".join(lines[line - 1 : line + 2])
    first = words.split()[0]
    if words in _flat(window) and first in _flat(lines[line - 1]):
        return True
    # An attribute value (a <meta> description) is inside a tag: read the line as it is.
    return words in _raw(window) and first in _raw(lines[line - 1])


def exact(page: str, starts: tuple[int, ...], line: int, column: int, words: str) -> bool:
    """The page's text from the reported line and column on starts with the words."""
    if not 1 <= line <= len(starts):
        return False
    at = starts[line - 1] + column - 1
    return _flat(page[at : at + 4 * len(words) + 2000]).startswith(words)


def tally(page: str, audit: Audit, show: int, name: str) -> Tally:
    doc = audit.document
    starts = line_starts(page)
    counts = Tally()
    for finding in (*audit.findings, *audit.suppressed):
        words = _words(finding.text)
        if not words:
            continue
        counts.findings += 1
        before = doc.text_line_col(finding.start)
        counts.before += holds(page, before[0], words)
        after_holds = holds(page, finding.line, words)
        counts.after += after_holds
        counts.exact += exact(page, starts, finding.line, finding.column, words)
        counts.located += bool(finding.located)
        if not after_holds and show > 0:
            print(f"  miss {name}:{finding.line}:{finding.column} {finding.rule} {words!r}")
    return counts


def fixture_pages() -> Iterator[tuple[str, str]]:
    for path in sorted(FIXTURES.glob("*.html")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


def fnc1_pages(data: Path, count: int) -> Iterator[tuple[str, str]]:
    bodies_path = data / "fnc1" / "competition_test_bodies.csv"
    stances_path = data / "fnc1" / "competition_test_stances.csv"
    if not (bodies_path.is_file() and stances_path.is_file()):
        print(f"FNC-1 not found under {data / 'fnc1'}: synthetic pages skipped", file=sys.stderr)
        return
    csv.field_size_limit(10**8)
    headlines: dict[str, str] = {}
    with stances_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Stance"] != "unrelated":
                headlines.setdefault(row["Body ID"], row["Headline"])
    made = 0
    with bodies_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            body, headline = row["articleBody"].strip(), headlines.get(row["Body ID"])
            if made >= count or not headline or len(body.split()) < 120:
                continue
            made += 1
            yield f"fnc1 body {row['Body ID']}", news_page(headline, body, int(row["Body ID"]))


def news_page(headline: str, body: str, seed: int) -> str:
    """A saved news page around `body`, as a CMS of some age would write it."""
    draw = random.Random(seed)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
    summary = paragraphs[-1].split(". ")[0][:200]
    inner = "\n".join(_paragraph(p, draw) for p in paragraphs)
    data = html.escape(" ".join(paragraphs[:2]), quote=True)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{_encode(headline, draw)} | The Daily Example</title>
  <meta name="description" content="{html.escape(summary, quote=True)}">
  <meta property="og:title" content="{html.escape(headline, quote=True)}">
  <script type="application/ld+json">{{"@type": "NewsArticle", "articleBody": "{data}"}}</script>
  <style>.share a {{ color: #333; }}</style>
</head>
<body class="article">
  <div class="cookie-banner"><p>We use cookies to improve your experience on our site.</p></div>
  <header><nav><ul>
    <li><a href="/news">News</a></li><li><a href="/world">World</a></li>
    <li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li>
  </ul></nav></header>
  <main>
    <article>
      <h1 class="headline">{_encode(headline, draw)}</h1>
      <p class="byline">By <a href="/staff/desk">Staff Reporter</a> &middot; 4 September 2014</p>
      <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
      <div class="article-body">
{inner}
      </div>
    </article>
    <aside class="related"><h2>Related stories</h2><ul>
      <li><a href="/1">Markets fall as investors weigh the outlook</a></li>
      <li><a href="/2">Weather warning issued for the weekend</a></li>
    </ul></aside>
  </main>
  <footer><p>&copy; 2014 The Daily Example. All rights reserved.</p></footer>
  <script>window.analytics && window.analytics.page("article");</script>
</body>
</html>
"""


def _paragraph(text: str, draw: random.Random) -> str:
    """One <p>: entities, inline links and emphasis, wrapped over source lines."""
    words = _encode(text, draw).split(" ")
    for index, word in enumerate(words):
        if _CAPITALISED.fullmatch(word) and draw.random() < 0.15:
            words[index] = f'<a href="/topic/{word.lower()}">{word}</a>'
        elif len(word) > 6 and draw.random() < 0.03:
            words[index] = f"<em>{word}</em>"
        elif draw.random() < 0.01:
            words[index] = word + "&nbsp;"
    if len(words) > 30 and draw.random() < 0.2:
        words.insert(len(words) // 2, "<!-- ad slot -->")
    if len(words) > 30 and draw.random() < 0.1:
        words.insert(len(words) // 3, "<br>")
    joined = " ".join(words).replace("&nbsp; ", "&nbsp;")
    lines = textwrap.wrap(joined, width=draw.choice((72, 96, 120, 400)), break_long_words=False)
    return "        <p>" + "\n          ".join(lines) + "</p>"


def _encode(text: str, draw: random.Random) -> str:
    """Text as HTML: & < > escaped, quotes and apostrophes as entities now and then."""
    text = html.escape(text, quote=False)
    if draw.random() < 0.5:
        text = text.replace("'", "&#8217;")
    if draw.random() < 0.5:
        text = re.sub(r'"([^"]*)"', r"&ldquo;\1&rdquo;", text)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pages", type=int, default=200, help="FNC-1 pages to build")
    parser.add_argument("--show", type=int, default=0, help="print the findings that miss")
    args = parser.parse_args()
    print(f"{'pages':32} {'findings':>8} {'before':>8} {'after':>8} {'exact':>8} {'located':>8}")
    ok = True
    for label, pages in (
        ("real saved pages (fixtures)", fixture_pages()),
        ("FNC-1 bodies in a news template", fnc1_pages(args.data, args.pages)),
    ):
        total, count = Tally(), 0
        for name, page in pages:
            try:
                audit = audit_document(load_string(page, format="html", source=name))
            except ScorerError as error:
                print(f"  {name}: not audited: {error}", file=sys.stderr)
                continue
            count += 1
            total.add(tally(page, audit, args.show, name))
        if count:
            print(total.row(f"{label} ({count})"))
        if label.startswith("real") and count:
            ok = total.after >= TARGET * total.findings
    verdict = "met" if ok else "MISSED"
    print(f"target: findings that hold >= {TARGET:.0%} on real saved pages: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
