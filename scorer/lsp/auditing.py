"""One audit of an open document, under the config that applies to its file.

Runs in the server's one audit thread, never on the thread that answers the editor. The
config is looked up again for every audit: `scorer.config.load` reads a file again only
when its mtime changes, so an edited `.scorer.toml` or `[tool.scorer]` applies at the next
keystroke, and a config file created or deleted next to the article is found or dropped.
Rule files a config names are watched the same way (their mtimes), since the rule set is
cached by the config that names them, not by their contents.

What goes wrong is sorted by whom it concerns: a document with nothing to audit (empty,
no prose) gets no diagnostics and no message; a config, rule file or engine problem, or a
bug, is a `problem`, which the server shows once and puts on the document's first line.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.errors import ScorerError

if TYPE_CHECKING:
    from scorer.config import Config
    from scorer.scoring.audit import Audit

logger = logging.getLogger(__name__)

# Past this many characters a document is not audited as it is typed: an article is a few
# tens of thousands, and a 10 MB file takes a minute that would hold every later audit.
MAX_CHARACTERS = 1_000_000


@dataclass(frozen=True)
class Audited:
    """What one audit made of one text: the audit, or why there is none.

    `problem` is a config, rule-file or engine problem, or a bug: the writer must be told.
    `skipped` says why the text was not audited though it could be (too long).
    Neither, and no audit: the text has nothing to audit (empty, or no prose).
    """

    text: str
    generation: int
    config: Config | None = None
    audit: Audit | None = None
    problem: str | None = None
    skipped: str | None = None


def run(text: str, *, fmt: str, path: str | None, source: str, generation: int) -> Audited:
    """The audit of `text` read as `fmt` ("text" or "markdown"); never raises."""
    from scorer.load import load_string
    from scorer.scoring.audit import audit_document

    if len(text) > MAX_CHARACTERS:
        skipped = (
            f"not audited as you type: {len(text):,} characters is over "
            f"{MAX_CHARACTERS:,}; run `scorer audit` on the file"
        )
        return Audited(text, generation, skipped=skipped)
    try:
        config = config_for(path)
    except ScorerError as error:
        return Audited(text, generation, problem=str(error))
    except Exception as error:  # a bug: said, not raised into the server
        return Audited(text, generation, problem=internal(error))
    try:  # a lone surrogate (JSON can carry one) reads as U+FFFD there, offsets kept
        doc = load_string(text, source=source, format=fmt)
    except ScorerError:
        return Audited(text, generation, config)  # empty, or no prose: nothing to say
    except Exception as error:
        return Audited(text, generation, config, problem=internal(error))
    try:
        return Audited(text, generation, config, audit_document(doc, config))
    except ScorerError as error:
        return Audited(text, generation, config, problem=str(error))
    except Exception as error:
        return Audited(text, generation, config, problem=internal(error))


def config_for(path: str | None) -> Config:
    """The config for a file (the defaults for a document that is no file), with its rule
    files loaded and checked: a bad one is a config problem, raised here."""
    from scorer.config import DEFAULT, for_source
    from scorer.scoring.audit import rule_set

    config = for_source(path) if path else DEFAULT
    _forget_changed_rules(config)
    rule_set(config)
    return config


_stamps: dict[object, tuple[tuple[str, int], ...]] = {}


def rules_stamp(config: Config) -> tuple[tuple[str, int], ...]:
    """The config's rule files and their mtimes: which version of them is in force."""
    return tuple((str(path), _mtime(path)) for path in config.rules)


def _forget_changed_rules(config: Config) -> None:
    """Drop the cached rule sets when a rule file the config names has changed.

    `scorer.scoring.audit` caches a rule set by its config, which names rule files but
    not their contents: right for one run of the command line, stale for a server that
    lives while the writer edits a house rule file.
    """
    stamp = rules_stamp(config)
    if _stamps.get(config, stamp) != stamp:
        from scorer.scoring import audit

        audit._rule_set.cache_clear()
    _stamps[config] = stamp


def _mtime(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def internal(error: Exception) -> str:
    """A bug, as the problem the writer is told of; its traceback goes to the log."""
    logger.error("internal error in an audit", exc_info=error)
    return f"internal error ({type(error).__name__}: {error}); please report it"
