"""The word lists that type a source, read once from `rules/lexicons/sources.toml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from scorer.resources import read_toml, rules_dir


@dataclass(frozen=True)
class Words:
    anonymous: frozenset[str]
    staff: frozenset[str]
    never_for_organisation: frozenset[str]
    people: frozenset[str]
    not_descriptions: frozenset[str]
    vague: frozenset[str]
    vague_first: frozenset[str]
    document: frozenset[str]
    organization: frozenset[str]
    organisations: frozenset[str]
    places: frozenset[str]
    acronyms: frozenset[str]
    outlets: frozenset[str]
    outlet_heads: frozenset[str]
    media_modifiers: frozenset[str]
    outlet_name_words: frozenset[str]
    outlet_articles: frozenset[str]
    titles: frozenset[str]
    pronouns: frozenset[str]
    roles: frozenset[str]
    self_phrases: frozenset[str]
    self_nouns: frozenset[str]
    agentless: frozenset[str]
    agentless_words: frozenset[str]
    never: frozenset[str]
    times: frozenset[str]
    nationalities: frozenset[str]
    singular_s: frozenset[str]

    @cached_property
    def speaking(self) -> frozenset[str]:
        """Every noun someone can speak as or for (a source, a body, a role, a pronoun)."""
        return (
            self.anonymous | self.staff | self.vague | self.document | self.organization
            | self.roles | self.people | self.outlet_heads | self.pronouns | self.self_nouns
        )  # fmt: skip

    @cached_property
    def source_nouns(self) -> frozenset[str]:
        """The nouns that head a source phrase without naming anyone."""
        return self.vague | self.anonymous | self.staff | self.document | self.people | self.roles


@cache
def words() -> Words:
    data = read_toml(rules_dir() / "lexicons" / "sources.toml")

    def of(table: str, key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data[table][key])

    return Words(
        anonymous=of("anonymous", "nouns") | of("anonymous", "people"),
        staff=of("anonymous", "staff"),
        never_for_organisation=of("anonymous", "never_for_organisation"),
        people=of("anonymous", "people"),
        not_descriptions=of("anonymous", "not_descriptions"),
        vague=of("vague", "nouns"),
        vague_first=of("vague", "first"),
        document=of("document", "nouns"),
        organization=of("organization", "nouns"),
        organisations=of("typing", "organisations"),
        places=of("organization", "places"),
        acronyms=of("organization", "acronyms"),
        outlets=of("outlet", "names"),
        outlet_heads=of("outlet", "heads"),
        media_modifiers=of("outlet", "media_modifiers"),
        outlet_name_words=of("outlet", "name_words"),
        outlet_articles=of("outlet", "name_articles"),
        titles=of("person", "titles"),
        pronouns=of("person", "pronouns") | frozenset(["them", "us", "our", "me", "my"]),
        roles=of("typing", "roles"),
        self_phrases=of("typing", "self"),
        self_nouns=of("typing", "self_nouns"),
        agentless=of("typing", "agentless"),
        agentless_words=of("typing", "agentless_words"),
        never=of("typing", "never"),
        times=of("typing", "times"),
        nationalities=of("typing", "nationalities"),
        singular_s=of("typing", "singular_s"),
    )
