"""The registry of a document's entities: each source met once, found again by its name,
its surname or a reference ("he", "the ministry", "its spokesman").

scorer.detectors.entities meets the mentions in text order and hands each to the
`Registry`: `mention` notes a name, `typed` types a source phrase in place and resolves it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scorer.detectors.source_types import Typed
from scorer.detectors.source_words import words
from scorer.load.document import normalise

GROUPS = frozenset(["named_organization", "named_outlet"])
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
        if typed.type in GROUPS and (_SELF_CUE if outlet else _SELF_CUE_ANY).match(after.lstrip()):
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
                if entity.type in GROUPS and (head in entity.words or not self._named_head(head)):
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
            if entity.type not in GROUPS:
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
        return any(head in e.words for e in self._recent if e.type in GROUPS)

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
