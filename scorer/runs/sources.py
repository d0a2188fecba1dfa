"""The sources of a run: paths, folders, globs, URLs and `-`, as the things to audit.

A folder is searched for article files (.txt, .md, .html and their kin; hidden folders and
files skipped, and reports scorer wrote: scorer.runs.outputs); a glob is expanded, `**`
included. A folder or glob that finds nothing, or a folder that cannot be listed, is an
Outcome with an error: the run goes on. `inputs` names every file the run will read, so
no output can be one of them.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from scorer.errors import ScorerError
from scorer.load import ARTICLE_SUFFIXES, kind_of
from scorer.runs.outcome import Outcome
from scorer.runs.outputs import is_report

_GLOB_CHARS = frozenset("*?[")


def could_expand(source: str) -> bool:
    """A directory or a glob: a source that stands for any number of files."""
    return os.path.isdir(source) or (
        not os.path.lexists(source) and bool(_GLOB_CHARS & set(source))
    )


def expand(sources: Sequence[str]) -> list[str | Outcome]:
    """Each source as a path, URL or `-` to audit, or an Outcome saying why it gives none.

    A file named twice (`wire/*.md wire/top.md`) is audited once, where it first appears.
    """
    found: list[str | Outcome] = []
    for source in sources:
        if kind_of(source) != "file":
            found.append(source)
        elif os.path.isdir(source):
            files, unreadable = _articles_in(source)
            found.extend(files or ([] if unreadable else [_nothing(source, "no article files")]))
            found.extend(unreadable)
        elif not os.path.lexists(source) and _GLOB_CHARS & set(source):
            globbed = glob.glob(source, recursive=True)
            matches = sorted(m for m in globbed if os.path.isfile(m) and not is_report(m))
            found.extend(matches or [_nothing(source, "no files match")])
        else:
            found.append(source)  # loading says what is wrong with it, if anything
    return _once(found)


def inputs(
    items: Sequence[str | Outcome], config_file: str | None, boilerplate_files: Sequence[str]
) -> Iterator[tuple[str, str]]:
    """Every file the run will read, named for a message: the articles, the config files
    looked into (the one named, or those on the way up from each article's folder), their
    rule files and the boilerplate files. Standard input and URLs are no files."""
    from scorer.config import load, read_for

    configs: list[Path] = [Path(config_file)] if config_file else []
    folders: set[str] = set()
    for item in items:
        if isinstance(item, str) and kind_of(item) == "file":
            yield "the article", item
            folder = os.path.dirname(item) or "."
            if config_file is None and folder not in folders:
                folders.add(folder)
                configs.extend(read_for(Path(item)))
    for boilerplate in boilerplate_files:
        yield "the boilerplate file", boilerplate
    if config_file is None and not folders:  # standard input or URLs: the working directory
        configs.extend(read_for(Path.cwd()))
    for path in dict.fromkeys(configs):
        yield "the config file", str(path)
        try:
            rules = load(path).rules
        except ScorerError:
            continue  # the audit says what is wrong with it; its rules are not read
        for rule_file in rules:
            yield "the rule file", str(rule_file)


def _once(found: list[str | Outcome]) -> list[str | Outcome]:
    seen: set[str] = set()
    kept: list[str | Outcome] = []
    for item in found:
        if isinstance(item, str):
            key = os.path.normpath(item) if kind_of(item) == "file" else item
            if key in seen:
                continue
            seen.add(key)
        kept.append(item)
    return kept


def _articles_in(directory: str) -> tuple[list[str], list[Outcome]]:
    """The article files under `directory`, and an Outcome for each folder that could not
    be listed (os.walk would pass over it in silence, and its articles with it)."""
    files: list[str] = []
    unreadable: list[Outcome] = []

    def cannot_list(error: OSError) -> None:
        where = error.filename or directory
        unreadable.append(Outcome(where, error=f"{where}: cannot list: {error.strerror}"))

    for root, dirs, names in os.walk(directory, onerror=cannot_list):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(
            path
            for name in sorted(names)
            if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES
            if not is_report(path := os.path.join(root, name))
        )
    return files, unreadable


def _nothing(source: str, what: str) -> Outcome:
    kinds = ", ".join(ARTICLE_SUFFIXES)
    return Outcome(source, error=f"{source}: {what} ({kinds})")
