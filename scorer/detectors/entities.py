"""Entities: one source, however many times and however differently the copy names it.

Mentions are met in text order: every source of an attribution, and the named people,
organisations and outlets, documents and unnamed sources the copy mentions on the way
("Prime Minister David Okonkwo visited the town", "Rolls-Royce issued a statement"). A
name is one entity wherever it recurs ("Mark Fenton", later "Mr Fenton"); an appositive
names one entity and describes it ("The prime minister, Boris Johnson"); a pronoun or a
short reference is the most recent compatible mention: "he" and "she" a person, "it" an
organisation, outlet or document, "they" a group or an organisation, "the spokesman" or
"the minister" the person so described, "the officials" the officials met before, "the
company" or "the ministry" an organisation ("the ministry" one with "Ministry" in its
name, if any), "the paper" an outlet, "the statement" a document. A spokesperson or
official of an organisation ("a hospital spokeswoman", "officials at the institution",
"its chief executive") speaks for the organisation named before: they are its entity.

`Registry.typed` gives a source phrase its type in place, resolved; `type_in_text` does
the same for a span of any text (the bench and tests use it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from scorer.detectors.source_types import Typed, type_phrase
from scorer.detectors.source_words import words
from scorer.load.document import Document, normalise
from scorer.signals import Signal

_PERSONAL = frozenset(["named_person"])
_GROUPS = frozenset(["named_organization", "named_outlet"])
# A capitalised run: names, with the small words names hold ("Bank of England", "Ali
# al-Rahimi", "Marks & Spencer"), and a possessive's "'s".
_CAPITALISED = re.compile(
    r"(?:[A-Z][\w'’.-]*|&)(?:[^\S\r\n]+(?:(?:of|for|and|the|de|van|von|al|bin|on|in|&)"
    r"[^\S\r\n]+)*[A-Z][\w'’.-]*)*"
)  # a name never runs over a line end: a headline above it is not part of it
# The writer's own reporting: "BBC Sport has learnt", "The Times can reveal". Outlets also
# "have seen" or "have confirmed" what they report; an organisation that confirms is a source.
_SELF_CUE_ANY = re.compile(
    r"(?:has|have)\s+(?:learnt|learned|been told)\b|(?:understands|can reveal|can disclose)\b",
    re.IGNORECASE,
)
_SELF_CUE = re.compile(
    _SELF_CUE_ANY.pattern + r"|(?:has|have)\s+(?:seen|established|confirmed|obtained)\b",
    re.IGNORECASE,
)
# A clause right after a source that says it was granted anonymity.
_ANONYMOUS_AFTER = re.compile(
    r"[^.;]{0,40}\b(?:anonymity|not authori[sz]ed|asked not to be (?:named|identified)|"
    r"declined to be (?:named|identified)|insisted on anonymity|speaking privately)\b",
    re.IGNORECASE,
)
_SPOKESPEOPLE = frozenset(
    "official officials spokesman spokeswoman spokesperson spokespeople spokesmen "
    "spokeswomen".split()
)
_OBJECT_VERBS = frozenset(
    "told tell tells telling asked ask asks accused thanked urged ordered warned".split()
)


@dataclass(eq=False)  # one entity is one object: compared by identity
class Entity:
    id: int
    type: str
    name: str  # the fullest name met, or the first words that named it
    description: str | None = None
    plural: bool = False
    head: str = ""
    described: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)
    words: set[str] = field(default_factory=set)  # lower-case words of its names and roles


# How many entities back a reference may reach: far beyond any article's pronouns, and
# a bound that keeps a document's references linear in its length.
_RECENT = 64


class Registry:
    """The entities of one document, built as its mentions are met in text order."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._recent: list[Entity] = []  # most recent last
        self._speaks_for: Entity | None = None  # the organisation its people last spoke for
        # Names met so far, to find an entity again in constant time: (type, key) and
        # ("named_person", surname) -> the latest entity given that name.
        self._by_name: dict[tuple[str, str], Entity] = {}
        self._by_surname: dict[str, Entity] = {}

    def mention(self, start: int, end: int, text: str, typed: Typed) -> Entity | None:
        """Note a mention that is not a reference; the entity it is (new or met before)."""
        if typed.type in ("none", "agentless", "reference"):
            return None
        name = typed.name or text
        entity = self._same(name, typed)
        if entity is None:
            entity = Entity(len(self.entities) + 1, typed.type, name, typed.description,
                            typed.plural, typed.head)  # fmt: skip
            self.entities.append(entity)
            self._index(entity)
        elif typed.name and len(typed.name) > len(entity.name):
            entity.name = typed.name
            self._index(entity)
        if typed.description and not entity.description:
            entity.description = typed.description
        entity.described = entity.described or typed.described
        entity.mentions.append((start, end))
        entity.words |= _words(name) | _words(typed.description or "") | {typed.head}
        self._touch(entity)
        return entity

    def typed(
        self, start: int, end: int, text: str, typed: Typed, after: str = ""
    ) -> tuple[Typed, Entity | None]:
        """The phrase's type once resolved, and its entity (None for nobody). `after` is
        the text that follows the phrase in its sentence: a clause there can say the source
        was granted anonymity, or the cue can be the writer's own ("has learnt")."""
        outlet = typed.type == "named_outlet"
        if typed.type in _GROUPS and (_SELF_CUE if outlet else _SELF_CUE_ANY).match(after.lstrip()):
            return Typed("self", head=typed.head), self.mention(start, end, text, typed)
        if typed.organisation is not None and _ANONYMOUS_AFTER.match(after):
            typed = Typed("anonymous", head=typed.head, plural=typed.plural, described=True)
        if typed.type == "reference":
            entity = self.resolve(typed, text)
            if entity is None:
                return _unresolved(typed), None
            entity.mentions.append((start, end))
            self._touch(entity)
            return Typed(entity.type, head=typed.head, plural=entity.plural), entity
        if typed.organisation is not None:
            body = self.organisation(typed.organisation)
            if body is None and not _names_one(typed.organisation):
                described = Typed("anonymous", head=typed.head, plural=typed.plural, described=True)
                return described, self.mention(start, end, text, described)
            if body is not None:
                self._speaks_for = body
                return self._for(body, start, end, typed)
        if (
            typed.type == "anonymous"
            and not typed.described
            and typed.head in _SPOKESPEOPLE
            and self._speaks_for is not None
            and self._speaks_for in self._recent[-2:]
        ):
            # "Officials at the institution said ... An official said": more of the same
            # organisation's people, while nobody else has been cited in between.
            return self._for(self._speaks_for, start, end, typed)
        return typed, self.mention(start, end, text, typed)

    def _for(self, body: Entity, start: int, end: int, typed: Typed) -> tuple[Typed, Entity]:
        body.mentions.append((start, end))
        self._touch(body)
        return Typed("named_organization", head=typed.head, plural=typed.plural), body

    def resolve(self, typed: Typed, text: str) -> Entity | None:
        """The most recent mention a pronoun or short reference can point to."""
        head = typed.head
        w = words()
        for entity in reversed(self._recent):
            if head in ("he", "him", "she", "her", "his"):
                if (entity.type == "named_person" and not entity.plural) or (
                    entity.type == "anonymous" and not entity.plural
                ):
                    return entity
            elif head in ("they", "them", "their"):
                if entity.plural or entity.type in ("named_organization", "vague", "anonymous"):
                    return entity
            elif head in ("it", "its"):
                if entity.type in ("named_organization", "named_outlet", "document"):
                    return entity
            elif head in w.outlet_heads:
                if entity.type == "named_outlet":
                    return entity
            elif head in w.document:
                if entity.type == "document":
                    return entity
            elif head in w.organization or head in ("regulator", "institution", "body"):
                if entity.type in _GROUPS and (head in entity.words or not self._named_head(head)):
                    return entity
            elif head in entity.words or _singular(head) in entity.words:
                return entity
        return None

    def organisation(self, named: str) -> Entity | None:
        """The organisation a phrase's words point to: its name ('Google'), a word of its
        name ('the hospital'), a generic word ('the institution') or 'its'."""
        word = " ".join(normalise(named).lower().split())
        word = word[4:] if word.startswith("the ") else word
        for entity in reversed(self._recent):
            if entity.type not in _GROUPS:
                continue
            if word in ("its", "their") or word in (
                "institution",
                "organisation",
                "organization",
                "company",
                "firm",
                "body",
                "group",
            ):
                return entity
            if word in entity.words or any(w.startswith(word) for w in entity.words):
                return entity
        return None

    def _named_head(self, head: str) -> bool:
        return any(head in e.words for e in self._recent if e.type in _GROUPS)

    def _same(self, name: str, typed: Typed) -> Entity | None:
        """An entity met before under this name: the same words, or a surname met whole
        (the later-created of the two when both are found)."""
        found = [self._by_name.get((typed.type, _key(name)))]
        if typed.type == "named_person" and (surname := _surname(name)):
            found.append(self._by_surname.get(surname))
        return max((e for e in found if e is not None), key=lambda e: e.id, default=None)

    def _index(self, entity: Entity) -> None:
        self._by_name[entity.type, _key(entity.name)] = entity
        if entity.type == "named_person" and (surname := _surname(entity.name)):
            self._by_surname[surname] = entity

    def _touch(self, entity: Entity) -> None:
        if entity in self._recent:
            self._recent.remove(entity)
        self._recent.append(entity)
        if len(self._recent) > _RECENT:
            del self._recent[0]


def _unresolved(typed: Typed) -> Typed:
    """A reference nothing before it names: a person or group no one named."""
    w = words()
    if typed.head in ("they", "them"):
        return Typed("vague", head=typed.head, plural=True)
    if typed.head in ("it", "its"):
        return Typed("none", head=typed.head)  # no credit for a name the copy never gave
    if typed.head in w.organization:
        return Typed("named_organization", head=typed.head)
    return Typed("anonymous", head=typed.head, plural=typed.plural, described=False)


def _names_one(words_: str) -> bool:
    return any(t[:1].isupper() for t in words_.split())


def _key(name: str) -> str:
    text = normalise(name).lower()
    text = re.sub(r"\b(mr|mrs|ms|dr|the)\.?\s+", "", text)
    return " ".join(re.findall(r"\w+", text))


_PARTICLE = re.compile(
    r"^(?:al|el|ul|bin|ibn|abu|de|da|di|du|van|von|la|le|dos|das|del)[-'’]", re.I
)


def _surname(name: str) -> str | None:
    """The last name of a person's name, without a particle: "Kamal al-Labwani" and "Mr
    Labwani" are both "labwani"."""
    parts = [_PARTICLE.sub("", p) for p in re.findall(r"[A-Za-z][\w'’-]*", normalise(name))]
    names = [p for p in parts if p[:1].isupper() and p.lower().rstrip(".") not in words().titles]
    return names[-1].lower() if names else None


def _words(text: str) -> set[str]:
    return {
        w for w in re.findall(r"[a-z][\w'-]*", normalise(text).lower()) if w not in ("the", "of")
    }


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


# -- a span of any text ----------------------------------------------------------------------


def mentions_in(text: str, start: int, end: int) -> Iterable[tuple[int, int, str, str | None]]:
    """The named and described phrases of text[start:end] a later reference may point to,
    each with what the copy says of it just before ("Pentagon spokesman John Kirkland",
    "The minister, Claire Bamford"): capitalised runs, and noun phrases headed by a source
    or document word ("two council officials", "sources familiar with the deal")."""
    w = words()
    roles = w.roles | w.staff | w.titles
    for match in _CAPITALISED.finditer(text, start, end):
        opening = _opens(text, match.start())
        if opening and " " not in match.group() and not _named_opening(text, match):
            continue  # "Shares in...": a sentence's first word, capitalised as all are
        before = text[max(0, match.start() - 60) : match.start()]
        appositive = _APPOSITIVE_BEFORE.search(before)
        prefix: list[str] = []
        for word in reversed(before.split()[-3:]):  # the role words right before the name
            if word.lower().strip(",") not in roles or word.endswith(","):
                break
            prefix.insert(0, word)
        description = appositive.group(1) if appositive else " ".join(prefix) or None
        yield match.start(), match.end(), match.group(), description
    for match in _noun_phrases(w).finditer(text, start, end):
        yield match.start(1), match.end(1), match.group(1), None


def _opens(text: str, at: int) -> bool:
    """Whether `at` begins the text, a sentence or a quotation (white space between)."""
    before = at
    while before > 0 and text[before - 1].isspace():
        before -= 1
    return before == 0 or text[before - 1] in ".!?:\"'"


# After a sentence's capitalised first word, what says it is a name: an appositive
# ("Barclays, the British bank,") or a verb ("Unilever reported", "Barclays expects").
_NAME_AFTER = re.compile(r",\s+(?:the|a|an)\s|\s+[a-z]+(?:s|ed)\b")


def _named_opening(text: str, match: re.Match[str]) -> bool:
    """A sentence's first word that names an organisation or outlet ("Unilever reported")."""
    return bool(_NAME_AFTER.match(text, match.end())) and type_phrase(match.group()).type in _GROUPS


_APPOSITIVE_BEFORE = re.compile(r"\b((?:[Tt]he|[Aa]n?)\s+[\w'’ -]{2,40}?),\s*$")
# ... and right after it, up to the next comma: "Kamal al-Labwani, a Syrian dissident
# living in Paris, thinks".
_APPOSITIVE_AFTER = re.compile(r",\s+((?:the|an?)\s[^,;:.!?\"“”()]{2,80}),", re.IGNORECASE)


@functools.cache
def _noun_phrases(w: object) -> re.Pattern[str]:
    """Noun phrases headed by a source or document word, counted, quantified, or bare at
    a sentence's start: "two council officials", "sources familiar with the deal"."""
    lists = words()
    heads = "|".join(
        sorted(lists.document | lists.anonymous | lists.vague | lists.staff, key=len, reverse=True)
    )
    return re.compile(
        rf"(?:^|(?<=[.!?]\s)|\b(?=(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any)\s))"
        rf"((?:[\w'’-]+\s+){{0,3}}?(?:{heads})\b"
        rf"(?:\s+(?:familiar|close|with|at|of|for|in|within|who)\b(?:\s+[\w'’-]+){{1,4}})?)",
        re.IGNORECASE,
    )


def type_in_text(text: str, start: int, end: int) -> str:
    """The type of the source named by text[start:end], read in place: what comes before
    it can resolve it, and a phrase in an object's place is no source ('told Harris')."""
    phrase = text[start:end]
    in_quote = text[start - 1 : start] in ("'", '"', "‘", "“")
    typed = type_phrase(phrase, in_quote=in_quote)
    before = normalise(text[:start]).split()
    if before and before[-1].lower().strip(",") in _OBJECT_VERBS:
        # "told Reuters": the outlet relays what the source said; "told Harris": no source
        return "named_outlet" if typed.type == "named_outlet" else "none"
    if re.match(r"['’](?:s\b|\s)", text[end : end + 2]):
        return "none"  # "Officials' salaries": a possessor, not a speaker
    registry = Registry()
    for m_start, m_end, found, description in sorted(mentions_in(text, 0, start)):
        mentioned = _described(type_phrase(found), description)
        registry.typed(m_start, m_end, found, mentioned, _rest_of_sentence(text, m_end))
    typed, _ = registry.typed(start, end, phrase, typed, _rest_of_sentence(text, end))
    return typed.type


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_AFTER = 200  # what follows a source that can still say something of it


def _rest_of_sentence(text: str, end: int) -> str:
    """The text after a source to its sentence's end (at most `_AFTER` characters: a
    search to the end of a long unpunctuated text for every source was quadratic)."""
    limit = min(len(text), end + _AFTER)
    stop = _SENTENCE_END.search(text, end, limit)
    return text[end : stop.start() if stop else limit]


def _described(typed: Typed, description: str | None) -> Typed:
    if description is None or typed.type not in ("named_person", "named_organization"):
        return typed
    return Typed(typed.type, head=typed.head, plural=typed.plural, name=typed.name,
                 description=description)  # fmt: skip


# -- a document's attributions --------------------------------------------------------------


def assign(doc: Document, attributions: Sequence[Signal]) -> tuple[list[Signal], list[Signal]]:
    """The attributions with their sources typed in place and resolved, each with its
    `entity`, and one `entity` signal per entity (its canonical name, type, description
    and the ids of the attributions that cite it). An attribution whose source words are
    no source at all ("October agreed", "STRESS:") is dropped: it is not one."""
    registry = Registry()
    position = 0
    kept: dict[int, Signal] = {}
    order = sorted(range(len(attributions)), key=lambda n: _source_start(attributions[n]))
    cited: dict[int, list[str]] = {}
    for n in order:
        signal = attributions[n]
        source = signal.fields.get("source") or {}
        start, end = source.get("start", 0), source.get("end", 0)
        if not source.get("text") or source.get("type") in ("agentless",):
            kept[n] = signal
            continue
        _note_mentions(doc, registry, position, start)
        position = max(position, end)
        typed = type_phrase(source["text"], in_quote=doc.quote_at(start) is not None)
        after = _rest_of_sentence(doc.text, end)
        if typed.description is None and (appositive := _APPOSITIVE_AFTER.match(after)):
            typed = _described(typed, appositive.group(1))
        resolved, entity = registry.typed(start, end, source["text"], typed, after)
        if resolved.type == "none":
            continue
        fields = dict(signal.fields)
        fields["source"] = _source_fields(source, typed, resolved, entity)
        if entity is not None:
            fields["entity"] = entity.id
            cited.setdefault(entity.id, [])
        kept[n] = Signal(
            signal.kind, signal.start, signal.end, signal.text, signal.sentence, fields
        )
        if entity is not None:
            cited[entity.id].append(kept[n].id)
    signals = [kept[n] for n in range(len(attributions)) if n in kept]
    return signals, _entity_signals(doc, registry, cited)


def _source_start(signal: Signal) -> int:
    source = signal.fields.get("source") or {}
    return source.get("start", signal.start) if source.get("text") else signal.start


def _note_mentions(doc: Document, registry: Registry, start: int, end: int) -> None:
    """The people, organisations, outlets and unnamed sources named between two sources,
    outside quotations: a name a speaker quotes is not who "he said" after it means."""
    for m_start, m_end, found, description in sorted(mentions_in(doc.text, start, end)):
        if doc.quote_at(m_start) is not None:
            continue
        typed = _described(type_phrase(found), description)
        registry.typed(m_start, m_end, found, typed, _rest_of_sentence(doc.text, m_end))


def _source_fields(
    source: Mapping[str, Any], typed: Typed, resolved: Typed, entity: Entity | None
) -> dict[str, Any]:
    """A source as signals carry it: its span, its type once resolved, and what resolved it."""
    fields: dict[str, Any] = {k: source[k] for k in ("start", "end", "text") if k in source}
    fields["type"] = resolved.type
    if resolved.type == "anonymous":
        fields["described"] = resolved.described or (entity is not None and entity.described)
    if typed.type == "reference" and entity is not None:
        fields["resolved"] = {"text": entity.name}
    if "description" in source:
        fields["description"] = source["description"]
    elif entity is not None and entity.description and resolved.type == "named_person":
        fields["description"] = {"text": entity.description}
    return fields


def _entity_signals(doc: Document, registry: Registry, cited: dict[int, list[str]]) -> list[Signal]:
    found = []
    for entity in registry.entities:
        if entity.id not in cited:
            continue  # mentioned, never a source
        start, end = entity.mentions[0]
        fields = {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "description": entity.description,
            "mentions": cited[entity.id],
        }
        found.append(
            Signal("entity", start, end, doc.text[start:end], doc.sentence_at(start), fields)
        )
    return found
