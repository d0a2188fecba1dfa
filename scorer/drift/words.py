"""The features a claim is aligned by: stems, numbers, names and paraphrase groups.

A claim's features are the Porter stems of its content words (British and American
spellings made one), its numbers ("41,000" and "41000" alike) and its names (a capitalised
word inside the clause, `@` before its stem, so it can weigh more). Words that newsrooms
use for the same thing ("fled" and "escaped", "regime" and "government", "Turkish" and
"Turkey") are one feature, from `rules/lexicons/paraphrase.toml`: a group's feature is `~`
and its first word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from scorer.resources import read_toml, rules_dir

_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "twenty": "20", "hundred": "100",
}  # fmt: skip
_SPELLING = {"defence": "defense", "offence": "offense", "licence": "license", "centre": "center",
             "programme": "program", "theatre": "theater"}  # fmt: skip
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just may me might more most must my myself no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours yourself said says say told
    tell according reportedly however one also would could should it's he's she's that's
    there's what's mr mrs ms dr""".split()
)


@dataclass(frozen=True)
class _Lexicon:
    words: dict[str, str]  # stem of a lower-case word -> group feature
    places: dict[str, str]  # stem of a capitalised place word -> group feature
    phrases: re.Pattern[str] | None  # phrases, case-insensitive
    exact: re.Pattern[str] | None  # capitals and places of more than a word, as written
    group_of: dict[str, str]  # a phrase (lower case, or as written for `exact`) -> feature


_NO_LEXICON = _Lexicon({}, {}, None, None, {})


def features(text: str, names: bool = True, groups: bool = True) -> frozenset[str]:
    """A claim's features: stems of content words, numbers as `#digits`, paraphrase groups as
    `~word` (none when `groups` is false: the words as written), and names as `@stem` beside
    their stem (none when `names` is false: a headline in title case capitalises every
    word)."""
    lexicon = _lexicon() if groups else _NO_LEXICON
    found: set[str] = set()
    for pattern, exact in ((lexicon.phrases, False), (lexicon.exact, True)):
        for match in pattern.finditer(text) if pattern else ():
            group = lexicon.group_of[match.group() if exact else match.group().lower()]
            found.add(group)
            if exact and names and match.start() > 0:
                found.add("@" + group)
    for position, match in enumerate(_TOKEN.finditer(text)):
        token = match.group().replace("’", "'")
        if token[0].isdigit():
            found.add("#" + token.replace(",", "").rstrip("."))
            continue
        lower = token.lower()
        if lower in _NUMBER_WORDS:
            found.add("#" + _NUMBER_WORDS[lower])
            continue
        if lower in STOPWORDS or len(lower) < 3:
            continue
        stem = _stem(lower.removesuffix("'s"))
        capital = token[0].isupper()
        feature = (lexicon.places.get(stem) if capital else None) or lexicon.words.get(stem, stem)
        found.add(feature)
        if names and capital and position > 0:
            found.add("@" + feature)
    return frozenset(found)


def title_case(text: str) -> bool:
    """Whether nearly every content word is capitalised, as in many headlines."""
    words = [w for w in _TOKEN.findall(text) if w[0].isalpha() and w.lower() not in STOPWORDS]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


@cache
def _lexicon() -> _Lexicon:
    data = read_toml(rules_dir() / "lexicons" / "paraphrase.toml")
    words: dict[str, str] = {}
    places: dict[str, str] = {}
    group_of: dict[str, str] = {}
    loose: list[str] = []
    exact: list[str] = []
    for table, into in (("synonyms", words), ("places", places)):
        for group in data[table]["groups"]:
            feature = "~" + group[0].lower()
            for entry in group:
                if entry.isupper() or (table == "places" and not entry.isalpha()):
                    exact.append(entry)
                    group_of[entry] = feature
                elif not entry.isalpha():
                    loose.append(entry.lower())
                    group_of[entry.lower()] = feature
                else:
                    into[_stem(entry.lower())] = feature
    return _Lexicon(words, places, _alternation(loose, re.IGNORECASE), _alternation(exact, 0),
                    group_of)  # fmt: skip


def _alternation(entries: list[str], flags: int) -> re.Pattern[str] | None:
    if not entries:
        return None
    longest_first = sorted(set(entries), key=len, reverse=True)
    body = "|".join(re.escape(entry) for entry in longest_first)
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])", flags)


@cache
def _stem(word: str) -> str:
    """The Porter stem, British and American spellings made one (defence, colour, organise)."""
    word = _SPELLING.get(word, word)
    if len(word) > 5 and word.endswith(("our", "ours")) and not word.endswith(("hour", "hours")):
        word = word.replace("our", "or")
    word = re.sub(r"is(e|es|ed|ing|ation)$", r"iz\1", word) if len(word) > 6 else word
    return _stemmer().stem(word)


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    from nltk.stem import PorterStemmer

    return PorterStemmer()
