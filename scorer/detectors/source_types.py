"""Source typing: what kind of source a phrase names, from its own words.

"Sources familiar with the deal", "a source close to the probe", "one GOP operative" and
"insiders" are anonymous however they are capitalised; "critics", "experts" and "many
economists" vague; "Boris Johnson" and "The prime minister, Boris Johnson" a named person
(a name is a person's when it looks like one and no list knows it as anything else);
"Barclays", "the Interior Ministry" and "Downing Street" organisations; "Reuters", "Le
Monde" and "the UK's Daily Mail" outlets; "court papers" and "a YouGov poll" documents;
"it is understood" and "reportedly" nobody (agentless); "we" and "this newspaper" the
writer (self). A spokesperson or official of an organisation ("a Google spokesperson",
"officials at the institution") speaks for it: `organisation` is the organisation as the
phrase names it, which the entities step finds. "He", "the spokesman", "the company" are
references to an earlier mention (`reference`), resolved by scorer.detectors.entities.
Months, years, counters, page labels, discourse words and common nouns that cannot speak
("the storm", "the deal", "sources of funding") are no source at all (`none`).

The word lists are data: `rules/lexicons/sources.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from scorer.detectors import source_tokens as token
from scorer.detectors.source_tokens import AGENT_PLURAL, CROWD_FIRST, DETERMINERS, INDEFINITE
from scorer.detectors.source_words import Words, words
from scorer.load.document import normalise

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-'.&]\w+)*'?|&")
# A clause or participle that describes a source ends its noun phrase: "officials who
# spoke on condition of anonymity", "a study published in The Lancet", "people familiar
# with the talks", "a person at the fundraiser".
_CLAUSE = re.compile(
    r"(?<![\s,]),?\s+(?:who|whom|which|that|speaking|familiar|close|briefed|involved|knowledgeable|"
    r"aware|granted|requesting|declining|citing|based|published|obtained|seen|sent|leaked|"
    r"released|filed|issued|written|signed|commissioned|carried|conducted|present)\b",
    re.IGNORECASE,
)
_PREPOSITIONS = frozenset(
    "of by from at for in with on inside within among to near across under".split()
)
_GENDERS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# Agent nouns: a capitalised plural of one ("Campaigners", "Conservationists") is a crowd.
_AGENT = re.compile(r"(?:er|ist|ian|or|ant|ent|ive|eer)s?$")
# Words that say a source was granted anonymity: whoever they work for, they are unnamed.
_ANONYMITY = re.compile(
    r"\b(?:anonymity|not authori[sz]ed|asked not to be (?:named|identified)|declined to be "
    r"(?:named|identified)|not to be (?:named|identified)|speaking privately|on background|"
    r"without being named)\b",
    re.IGNORECASE,
)
_PAGE = re.compile(r"^(?:page|p\.|day|part|chapter|round|stage|game|act)\s+\w+$", re.I)


@dataclass(frozen=True)
class Typed:
    """What a source phrase names.

    `type` is one of SOURCE_TYPES, or "reference" (a pronoun or short reference to resolve
    against earlier mentions), or "none" (no source). `head` is the head noun, lower case;
    `plural` whether it names more than one. An anonymous source is `described` when its
    words say more than a rank or a count ("opposition sources", "a person familiar with
    the talks"; not "sources", "a senior official"). `organisation` is the organisation a
    spokesperson or official speaks for, as the phrase names it ("Google", "hospital",
    "its"). `name` is the name in an appositive ("The prime minister, Boris Johnson" ->
    "Boris Johnson"), `description` the rest ("The prime minister").
    """

    type: str
    head: str = ""
    plural: bool = False
    described: bool = False
    organisation: str | None = None
    name: str | None = None
    description: str | None = None
    gender: str | None = None


@lru_cache(maxsize=16_384)
def type_phrase(phrase: str, *, in_quote: bool = False) -> Typed:
    """The type a source phrase's own words give it (no look at the rest of the text).
    Pure, and the same phrases recur ("he", "officials", "the ministry"): cached."""
    text = normalise(phrase).strip(" \t\r\n,;:'\"()[]-")
    if not text:
        return Typed("agentless")
    w = words()
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Typed("none")
    low = [t.lower() for t in tokens]
    return _whole(text, low, tokens, in_quote, w) or _appositive(text) or _noun_phrase(text, w)


def _whole(text: str, low: list[str], tokens: list[str], in_quote: bool, w: Words) -> Typed | None:
    """Phrases that are what they are whole: pronouns, the writer, nobody, fixed names."""
    lowered = " ".join(low)
    if len(low) == 1 and low[0] in w.pronouns:
        word = low[0]
        if word in ("i", "we", "our", "us", "me", "my"):
            return Typed("none" if in_quote else "self", head=word, plural=word != "i")
        return Typed("reference", head=word, plural=word in ("they", "them"),
                     gender=_GENDERS.get(word))  # fmt: skip
    if any(" ".join(low[k:]) in w.self_phrases for k in range(len(low))):
        return Typed("self", head=low[-1])
    if lowered in w.agentless or low[-1] in w.agentless_words:
        return Typed("agentless", head=low[-1])
    if lowered in w.never or _PAGE.match(text) or token.is_label(tokens, w):
        return Typed("none", head=low[0])
    if all(t in w.times or t.isdigit() for t in low):
        return Typed("none", head=low[-1])
    bare = lowered[4:] if lowered.startswith("the ") else lowered
    if lowered in w.outlets or bare in w.outlets:
        return Typed("named_outlet", head=low[-1])
    if lowered in w.places or bare in w.places or bare in w.organisations:
        return Typed("named_organization", head=low[-1])
    return None


def _appositive(text: str) -> Typed | None:
    """'The prime minister, Boris Johnson' and 'Ms Smith, the council's leader': a name and
    what it is, either way round. The name decides the type."""
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    if len(pieces) < 2:
        return None
    if _CLAUSE.match(", " + pieces[1]):  # "Adib Shishakly, who represents...": the name
        typed = type_phrase(pieces[0])
        if typed.type == "named_person":
            return Typed(typed.type, head=typed.head, name=pieces[0])
        return None
    first, second = pieces[0], ", ".join(pieces[1:])
    for name, described in ((first, second), (second, first)):
        typed = type_phrase(name)
        if typed.type in ("named_person", "named_organization"):
            return Typed(typed.type, head=typed.head, name=name, description=described,
                         plural=typed.plural)  # fmt: skip
    return None


def _noun_phrase(text: str, w: Words) -> Typed:
    """A phrase read by its head noun: the last word before any preposition or clause."""
    clause = next(
        (m for m in _CLAUSE.finditer(text) if text[: m.start()].strip().lower() not in DETERMINERS),
        None,
    )
    core = text[: clause.start()] if clause else text
    described_after = clause is not None
    if _ANONYMITY.search(text):
        last = (_TOKEN.findall(core) or [""])[-1].lower()
        return Typed("anonymous", head=last, described=True, plural=last.endswith("s"))
    tokens = _TOKEN.findall(core) or _TOKEN.findall(text)
    low = [t.lower() for t in tokens]
    cut = next((n for n, t in enumerate(low) if n and t in _PREPOSITIONS), len(low))
    head_tokens, rest = tokens[:cut], tokens[cut:]
    raw = head_tokens[-1].lower()
    head = token.lemma(raw, w)

    def heads(*lists: frozenset[str]) -> bool:
        return any(head in words_ or raw in words_ for words_ in lists)

    possessor = token.possessor(head_tokens)
    modifiers = [t.lower() for t in head_tokens[:-1]]
    first = modifiers[0] if modifiers else ""
    plural = head != head_tokens[-1].lower() or head_tokens[-1].lower() in ("people", "staff")
    names = token.names(head_tokens, w)
    rest_low = [t.lower() for t in rest]
    if first in ("our", "this") and heads(w.self_nouns):
        return Typed("self", head=head)  # "our correspondent in Kyiv"
    unnamed_media = not any(m in w.media_modifiers and m != "local" for m in modifiers)
    if raw in ("media", "reports", "rumours", "rumors") and not names and unnamed_media:
        return Typed("vague", head=head, plural=True)  # "local media", "media reports"
    if low[0] in ("those", "people", "persons", "others", "anyone") and (described_after or rest):
        return Typed("anonymous", head=head, plural=True, described=True)  # "those close to"
    if token.is_outlet(tokens, head, names, possessor, w):
        if not names and first == "the" and possessor is None:
            return Typed("reference", head=head)  # "the paper", "the broadcaster"
        return Typed("named_outlet", head=head)
    if " ".join(low[:3]) in w.vague_first or " ".join(low[:2]) in w.vague_first:
        return Typed("vague", head=head, plural=True)  # "a number of lawmakers"
    if heads(w.document):
        if head in ("source", "sources"):
            return Typed("none", head=head)
        return Typed("document", head=head, plural=plural)
    agent = first in INDEFINITE and bool(_AGENT.search(raw))  # "a Tory backbencher"
    if (head == "source" and rest_low[:1] == ["of"]) or (
        not agent and token.not_speaking(head_tokens[-1], head, w)
    ):
        return Typed("none", head=head)  # "sources of funding", "the storm"
    agent_crowd = bool(AGENT_PLURAL.search(raw)) and not heads(w.anonymous, w.staff)
    crowd = (heads(w.vague) or agent_crowd) and plural
    counted = first in INDEFINITE or first in ("the", "these", "those")
    if crowd and not described_after and not counted and not names:
        if rest and rest_low[0] in ("at", "for", "from", "with") and token.named(rest[1:]):
            return Typed(
                "named_organization", head=head, plural=True, organisation=" ".join(rest[1:])
            )  # fmt: skip  "analysts at Goldman Sachs"
        return Typed("vague", head=head, plural=True)
    if low[0] in CROWD_FIRST and (heads(w.vague, w.people) or head in CROWD_FIRST):
        return Typed("vague", head=head, plural=True)  # "some in the party"
    if heads(w.staff, w.anonymous) or " ".join(low[-2:]) in w.staff or agent:
        return _unnamed(head, head_tokens, modifiers, rest, possessor, names, plural,
                        described_after, w)  # fmt: skip
    if heads(w.organization) or any(t.lower() in w.organization for t in names):
        if not names and first in ("the", "") and len(modifiers) <= 1:
            return Typed("reference", head=head, plural=plural)  # "the company", "police"
        return Typed("named_organization", head=head, plural=plural)
    role = heads(w.roles) or " ".join(low[-2:]) in w.roles
    if role and (not names or first == "the"):
        return Typed("reference", head=head)  # "the minister", "the judge"
    if token.acronym(tokens, w):
        return Typed("named_organization", head=head)
    if token.capital(head_tokens[-1]) and names:
        if first in INDEFINITE and len(names) < 2:
            return Typed("anonymous", head=head, described=True)  # "a senior Conservative"
        person = len(names) >= 2 or token.titled(head_tokens, w) or len(head_tokens) == 1
        if " and " in core:
            return Typed("named_person", head=head, plural=True)
        return Typed("named_person" if person else "named_organization", head=head)
    return Typed("none", head=head)


def _unnamed(
    head: str,
    head_tokens: list[str],
    modifiers: list[str],
    rest: list[str],
    possessor: str | None,
    names: list[str],
    plural: bool,
    described_after: bool,
    w: Words,
) -> Typed:
    """A source named by what they are: staff speaking for a named organisation, a short
    reference back ("the official", "its chief executive"), or an anonymous source."""
    staff = head in w.staff and head not in w.never_for_organisation
    organisation = _organisation(possessor, modifiers, rest, names, w)
    if staff and organisation is not None:
        return Typed("named_organization", head=head, plural=plural, organisation=organisation)
    first = modifiers[0] if modifiers else ""
    pointing = first in ("the", "this") or (
        first in ("that", "these", "those") and head not in w.anonymous
    )
    if pointing and not rest and not described_after:
        return Typed("reference", head=head, plural=plural)
    if possessor in ("its", "their", "his", "her"):
        return Typed("reference", head=head, plural=plural)
    described = (
        bool(rest)
        or described_after
        or any(m not in w.not_descriptions and m not in INDEFINITE for m in modifiers)
    )
    return Typed("anonymous", head=head, plural=plural, described=described)


def _organisation(
    possessor: str | None, modifiers: list[str], rest: list[str], names: list[str], w: Words
) -> str | None:
    """The organisation a spokesperson or official works for, as the phrase names it:
    'a Google spokesperson', 'a spokesman for Ryanair', 'officials at the institution',
    'the bank's chief economist', 'its chief executive'."""
    if possessor is not None:
        return possessor
    if rest and rest[0].lower() in ("for", "at", "of", "from", "with", "in"):
        if len(rest) > 1 and rest[1].lower() in ("a", "an"):
            return None  # "an economist at a London university": which one is not said
        body = [t for t in rest[1:] if t.lower() not in DETERMINERS]
        if token.named(body) or any(t.lower() in w.organization for t in body):
            return " ".join(rest[1:])
        return None
    if names:
        return " ".join(names)
    bodies = [m for m in modifiers if m in w.organization]
    return bodies[-1] if bodies else None
