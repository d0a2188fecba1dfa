"""Configuration: a house's rules, overrides and lexicon entries.

Read from `--config FILE`, or else from the nearest `.scorer.toml` or `pyproject.toml`
with a `[tool.scorer]` table, looking upward from the audited file (or the working
directory). The nearest directory wins; in one directory `.scorer.toml` wins.

    [tool.scorer]                          # in .scorer.toml: the same keys at the top level
    rules = ["house/rules.toml"]           # extra rule files, relative to this file
    disable = ["borrowed-reporting"]       # rule ids not to run
    engine = "python"                      # or "durable-rules" (the default where installed)
    genre = "opinion"                      # every file is this genre, whatever it looks like
    genres = ["news", "opinion"]           # the genres `check` gates (default: news, analysis,
                                           # brief)
    strict = true                          # `check` fails a file too short or not English
    fail-under = 70                        # `check --fail-under`: the score a file must reach
    fail-on = "warning"                    # `check --fail-on`: none, info, warning or error
    diff = "origin/main..."                # `check --diff`: judge what a branch changed
    annotations = 10                       # `--format github`: annotations a level, at most
    annotate-info = false                  # `--format github`: annotate 0-point info findings

    [tool.scorer.rule.hedge-density]       # change a rule without copying it
    severity = "info"
    points = -2
    cap = -4

    [tool.scorer.lexicons.hedges]          # phrases added to a lexicon, by type
    epistemic = ["in all probability"]

Unknown keys and wrong types are errors naming the file and the key.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from scorer.engine.choices import ENGINES, SEVERITIES
from scorer.errors import ScorerError
from scorer.load.genre_hints import GENRES
from scorer.resources import read_toml

EXTENSIBLE_LEXICONS = ("hedges", "attribution", "replies", "anonymity", "accusations")
_KEYS = (
    "rules", "disable", "engine", "genre", "genres", "strict", "fail-under", "fail-on", "diff",
    "annotations", "annotate-info", "rule", "lexicons",
)  # fmt: skip
_OVERRIDES = ("severity", "points", "cap")


@dataclass(frozen=True)
class Config:
    """A checked configuration; `path` is the file it came from (None: the defaults)."""

    path: str | None = None
    rules: tuple[Path, ...] = ()
    disable: tuple[str, ...] = ()
    engine: str | None = None
    overrides: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    lexicons: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = ()
    genre: str | None = None  # the genre of every file it covers, instead of detecting it
    genres: tuple[str, ...] | None = None  # the genres `scorer check` gates (None: default)
    strict: bool | None = None  # `check` fails a file it cannot judge (None: it passes)
    # `scorer check`'s thresholds and CI outputs; the command line wins over each.
    fail_under: float | None = None
    fail_on: str | None = None
    diff: str | None = None
    annotations: int | None = None
    annotate_info: bool | None = None

    def lexicon_extras(self, name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return dict(self.lexicons).get(name, ())


DEFAULT = Config()


def find(start: Path) -> Path | None:
    """The nearest config file at or above `start`."""
    read = read_for(start)
    return read[-1] if read and _is_config(read[-1]) else None


def read_for(start: Path) -> list[Path]:
    """The config files looked into to find the one for `start`, nearest first: the one
    found last, if any (a run must never write over one of these)."""
    directory = (start if start.is_dir() else start.parent).resolve()
    read = []
    for folder in (directory, *directory.parents):
        for candidate in (folder / ".scorer.toml", folder / "pyproject.toml"):
            if candidate.is_file():
                read.append(candidate)
                if _is_config(candidate):
                    return read
    return read


def _is_config(path: Path) -> bool:
    return path.name == ".scorer.toml" or _declares_scorer(path)


def _declares_scorer(project: Path) -> bool:
    """Whether a pyproject.toml has a [tool.scorer] table: parsed once while unchanged.

    Every file of a run looks for its config; parsing the same pyproject.toml for each of
    2,600 articles took a third of `scorer check`'s time on a corpus.
    """
    try:
        changed = project.stat().st_mtime_ns
    except OSError:
        return False
    return _has_table(project.resolve(), changed)


@cache
def _has_table(project: Path, changed: int) -> bool:
    return "scorer" in read_toml(project).get("tool", {})


def for_source(source: str) -> Config:
    """The configuration that applies to a path (or, for `-` and URLs, the working directory)."""
    from scorer.load import kind_of

    found = find(Path(source) if kind_of(source) == "file" else Path.cwd())
    return load(found) if found else DEFAULT


def load(path: Path) -> Config:
    """A config file, read again only when it changes (keyed by its absolute path and mtime)."""
    try:
        changed = path.stat().st_mtime_ns
    except OSError:
        changed = 0  # read_toml names the problem
    return _load(path.resolve(), changed)


@cache
def _load(path: Path, changed: int) -> Config:
    data = read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("scorer")
        if table is None:
            raise ScorerError("no [tool.scorer] table", path=str(path))
        prefix = "tool.scorer."
    else:
        table, prefix = data, ""
    return from_mapping(table, path=str(path), prefix=prefix, base=path.parent)


def from_mapping(
    table: Mapping[str, Any], *, path: str = "<config>", prefix: str = "", base: Path | None = None
) -> Config:
    """Check a `[tool.scorer]`-shaped mapping; errors name the file and the key."""

    def fail(key: str, problem: str) -> ScorerError:
        return ScorerError(f"{prefix}{key}: {problem}", path=path)

    if not isinstance(table, Mapping):
        raise ScorerError("the configuration must be a table", path=path)
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise fail(unknown[0], f"unknown key; expected one of {', '.join(_KEYS)}")
    rules = _strings(table.get("rules", []), lambda p: fail("rules", p))
    root = base or Path.cwd()
    rule_paths = tuple(root / rule for rule in rules)
    for rule_path in rule_paths:
        if not rule_path.exists():
            raise fail("rules", f"rule file not found: {rule_path}")
        if not rule_path.is_file():
            raise fail("rules", f"{rule_path} is not a rule file (a .toml file)")
    disable = _strings(table.get("disable", []), lambda p: fail("disable", p))
    engine = table.get("engine")
    if engine is not None and engine not in ENGINES:
        raise fail("engine", f"must be one of {', '.join(ENGINES)}, not {engine!r}")
    genre = table.get("genre")
    if genre is not None and genre not in GENRES:
        raise fail("genre", f"must be one of {', '.join(GENRES)}, not {genre!r}")
    genres = table.get("genres")
    if genres is not None:
        genres = _strings(genres, lambda p: fail("genres", p))
        bad = [g for g in genres if g not in GENRES]
        if bad:
            raise fail("genres", f"unknown genre {bad[0]!r}; expected some of {', '.join(GENRES)}")
    strict = _flag(table, "strict", fail)
    fail_under = table.get("fail-under")
    if fail_under is not None and (
        isinstance(fail_under, bool)
        or not isinstance(fail_under, (int, float))
        or not 0 <= fail_under <= 100
    ):
        raise fail("fail-under", "must be a score from 0 to 100")
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in ("none", *SEVERITIES):
        raise fail("fail-on", f"must be one of none, {', '.join(SEVERITIES)}, not {fail_on!r}")
    diff = table.get("diff")
    if diff is not None and (not isinstance(diff, str) or not diff.strip()):
        raise fail("diff", 'must be a git ref, e.g. "origin/main..."')
    annotations = table.get("annotations")
    if annotations is not None and (
        isinstance(annotations, bool) or not isinstance(annotations, int) or annotations < 1
    ):
        raise fail("annotations", "must be a whole number, 1 or more")
    overrides = []
    rule_table = table.get("rule", {})
    if not isinstance(rule_table, Mapping):
        raise fail("rule", "must be a table of rule ids, e.g. [tool.scorer.rule.hedge-density]")
    for rule_id, values in rule_table.items():
        key = f"rule.{rule_id}"
        if not isinstance(values, Mapping):
            raise fail(key, "must be a table of severity, points and cap")
        bad = sorted(set(values) - set(_OVERRIDES))
        if bad:
            raise fail(f"{key}.{bad[0]}", f"cannot be overridden; expected {', '.join(_OVERRIDES)}")
        for name, value in values.items():
            if name == "severity" and value not in SEVERITIES:
                raise fail(f"{key}.severity", f"must be one of {', '.join(SEVERITIES)}")
            if name != "severity" and (
                not isinstance(value, (int, float)) or isinstance(value, bool)
            ):
                raise fail(f"{key}.{name}", "must be a number")
        overrides.append((rule_id, tuple(sorted(values.items()))))
    lexicons = []
    lexicon_table = table.get("lexicons", {})
    if not isinstance(lexicon_table, Mapping):
        raise fail("lexicons", "must be a table of lexicon names")
    for name, types in lexicon_table.items():
        key = f"lexicons.{name}"
        if name not in EXTENSIBLE_LEXICONS:
            raise fail(key, f"unknown lexicon; expected one of {', '.join(EXTENSIBLE_LEXICONS)}")
        if not isinstance(types, Mapping):
            raise fail(key, "must be a table of types, each a list of phrases")
        entries = tuple(
            (type_name, _strings(phrases, lambda p, k=f"{key}.{type_name}": fail(k, p)))
            for type_name, phrases in types.items()
        )
        lexicons.append((name, entries))
    config = Config(
        path=path,
        rules=rule_paths,
        disable=disable,
        engine=engine,
        overrides=tuple(overrides),
        lexicons=tuple(lexicons),
        genre=genre,
        genres=genres,
        strict=strict,
        fail_under=None if fail_under is None else float(fail_under),
        fail_on=fail_on,
        diff=diff,
        annotations=annotations,
        annotate_info=_flag(table, "annotate-info", fail),
    )
    _check_lexicons(config)
    return config


def _flag(table: Mapping[str, Any], key: str, fail: Any) -> bool | None:
    value = table.get(key)
    if value is not None and not isinstance(value, bool):
        raise fail(key, "must be true or false")
    return value


def _strings(value: object, fail: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail("must be a list of non-empty strings")
    return tuple(value)


def _check_lexicons(config: Config) -> None:
    """Compile every extended lexicon now, so a bad phrase is reported against this file."""
    from scorer.detectors import lexicon

    for name, _ in config.lexicons:
        lexicon.extended(name, config.lexicon_extras(name), config.path or "<config>")


def coerce(config: object) -> Config:
    """What `scorer.audit(config=...)` accepts: a Config, a config file path, or a mapping."""
    if config is None:
        return DEFAULT
    if isinstance(config, Config):
        return config
    if isinstance(config, (str, Path)):
        return load(Path(config))
    if isinstance(config, Mapping):
        return from_mapping(config)
    raise ScorerError(f"config must be a Config, a path or a mapping, not {type(config).__name__}")


def apply(rules: tuple[Any, ...], config: Config) -> tuple[Any, ...]:
    """The rules with the config's disables and overrides; unknown ids are errors."""
    from scorer.engine.ruletable import points_problem

    ids = {rule.id for rule in rules}
    where = config.path or "<config>"
    for rule_id in config.disable:
        if rule_id not in ids:
            raise ScorerError(f"disable: no rule with id {rule_id!r}", path=where)
    kept = [rule for rule in rules if rule.id not in config.disable]
    for rule in rules:
        if rule.id in config.disable and rule.derive:
            readers = [r.id for r in kept if rule.derive in r.reads]
            if readers:
                raise ScorerError(
                    f"disable: {rule.id!r} derives '{rule.derive}', which "
                    f"{', '.join(readers)} read(s); disable those too",
                    path=where,
                )
    overrides = dict(config.overrides)
    for rule_id in overrides:
        if rule_id not in ids:
            raise ScorerError(f"rule.{rule_id}: no rule with that id", path=where)
    out = []
    for rule in kept:
        if rule.id in overrides:
            changes = dict(overrides[rule.id])
            rule = dataclasses.replace(rule, **changes)
            problem = points_problem(rule.points, rule.cap, rule.message)
            if problem:
                raise ScorerError(f"rule.{rule.id}: {problem}", path=where)
        out.append(rule)
    return tuple(out)
