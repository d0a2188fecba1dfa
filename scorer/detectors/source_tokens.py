"""What a source phrase's words say on their own: a name, a possessor, a singular, an
outlet's name, a title, initials, a page label, a noun nobody speaks for.

The word-level tests of scorer.detectors.source_types, which puts them together.
"""

from __future__ import annotations

import re
from functools import cache

from scorer.detectors.source_words import Words

POSSESSIVE = re.compile(r"^(.+?)(?:'s|s')$")
DETERMINERS = frozenset("a an the this that these those".split())
INDEFINITE = frozenset(
    "a an one two three four five six seven eight nine ten several multiple numerous "
    "various another few".split()
)
CROWD_FIRST = frozenset("some many most few all".split())
AGENT_PLURAL = re.compile(r"(?:ers|ists|ians|ors|ants|ents|ives|eers)$")


@cache
def not_names(w: Words) -> frozenset[str]:
    return DETERMINERS | INDEFINITE | w.titles | w.nationalities | CROWD_FIRST


def names(tokens: list[str], w: Words) -> list[str]:
    """The capitalised words of a phrase that can name someone: not its articles, counts,
    titles, nationalities, nor a source noun capitalised to start a sentence ("Two", "Mr",
    "U.S.", "Critics", "Officials")."""
    skip = not_names(w)
    nouns = w.source_nouns
    found = []
    for n, token in enumerate(tokens):
        low = token.lower()
        if n == 0 and len(tokens) > 1 and tokens[1].islower():
            continue  # "Industry watchers": a sentence's first word, capitalised as all are
        if not capital(token) or low in skip or low.rstrip(".") in skip:
            continue
        if n == 0 and (low in nouns or lemma(low, w) in nouns or low in ("those", "others")):
            continue  # "Officials said": a source noun, capitalised to start the sentence
        found.append(token)
    return found


_PARTICLE = re.compile(r"(?:al|el|ul|bin|ibn|abu|de|da|di|du|van|von|la|le|dos|das|del)[-'’][A-Z]")


def capital(token: str) -> bool:
    """A name's word: capitalised, or a name with its particle ("al-Labwani", "d'Estaing")."""
    return token[:1].isupper() or bool(_PARTICLE.match(token))


def named(tokens: list[str]) -> bool:
    return any(t[:1].isupper() for t in tokens if t.lower() not in DETERMINERS)


def possessor(tokens: list[str]) -> str | None:
    """Who a phrase's head belongs to: "the bank's chief economist" -> "bank"."""
    for token in tokens[:-1]:
        lowered = token.lower()
        if lowered in ("its", "their", "his", "her"):
            return lowered
        match = POSSESSIVE.match(token)
        if match:
            return match.group(1)
    return None


def lemma(word: str, w: Words) -> str:
    """A plural noun's singular, as the lists hold most heads ("officials" -> "official")."""
    if word in w.singular_s or not word.endswith("s") or len(word) < 4:
        return word
    for cut, end in (("ies", "y"), ("ses", "s"), ("s", "")):
        if word.endswith(cut):
            single = word[: -len(cut)] + end
            if single in w.anonymous | w.staff | w.document | w.organization | w.vague | w.roles:
                return single
    return word[:-1] if word[-2:] != "ss" else word


def is_outlet(
    tokens: list[str], head: str, names: list[str], possessor: str | None, w: Words
) -> bool:
    """An outlet by its words: a known name in the phrase ("the UK's Daily Mail", "CBS's
    '60 Minutes'"), a publication's name ("the Northern Echo", "Le Monde", "Channel 12"),
    or a media noun with a name or a state's ("North Korea's state news agency KCNA")."""
    low = [t.lower() for t in tokens]
    joined = " ".join(low)
    if possessor is not None and possessor.lower() in w.outlets:
        return not any(
            t[:1].isupper() for t in tokens[1:] if t.lower() not in w.outlet_name_words
        ) or ("'" in " ".join(tokens))
    for n in range(len(low)):
        if " ".join(low[n:]) in w.outlets:
            return n == 0 or tokens[n - 1].endswith(("'s", "s'")) or low[n - 1] in ("the", "local")
    if low[0] in w.outlet_articles and len(tokens) >= 2 and tokens[1][:1].isupper():
        return True
    heads = [
        n
        for n, t in enumerate(low)
        if t in w.outlet_heads or " ".join(low[n : n + 2]) in w.outlet_heads
    ]
    if heads and (names or any(t in w.media_modifiers for t in low)):
        return not (low[0] == "local" or joined in ("media reports", "local media", "media"))
    if head in w.outlet_heads and low[:1] == ["the"] and len(low) == 2:
        return True
    return (
        bool(names)
        and names[-1].lower() in w.outlet_name_words
        and (low[0] == "the" or len(names) >= 2)
    )


def not_speaking(token: str, head: str, w: Words) -> bool:
    """A common noun no one speaks for: "the storm", "the deal", "his silence"."""
    lowered = token.lower()
    return token.islower() and not {head, lowered} & w.speaking and not AGENT_PLURAL.search(lowered)


def titled(tokens: list[str], w: Words) -> bool:
    return any(t.lower().rstrip(".") in w.titles for t in tokens)


def acronym(tokens: list[str], w: Words) -> bool:
    """An organisation's initials: 'FIFA', 'UNHCR' (not a name in capitals, 'JOHN MORRIS')."""
    if all(t.isupper() for t in tokens if t[:1].isalpha()) and len(tokens) > 1:
        return False
    return any(
        t.lower() in w.acronyms or (t.isupper() and 2 <= len(t) <= 6 and t.isalpha())
        for t in tokens
    ) and not titled(tokens[:1], w)


def is_label(tokens: list[str], w: Words) -> bool:
    """A page label or a drop-cap opening word: 'STRESS', 'UPDATE', 'ASKED' (not 'CRITICS',
    a source noun in capitals, nor initials such as 'FIFA')."""
    if len(tokens) != 1 or not tokens[0].isupper() or len(tokens[0]) < 5:
        return False
    word = tokens[0].lower()
    known = w.anonymous | w.vague | w.document | w.organization | w.acronyms | w.outlets
    return tokens[0].isalpha() and word not in known
