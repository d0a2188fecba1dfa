"""The one exception type the project raises at its edges.

Loading, rule files and configuration raise `ScorerError` carrying the file, the line or
rule id, and a sentence for humans; the command line prints `str(error)` on one stderr
line and exits 2. Anything else escaping is a bug.
"""

from __future__ import annotations


class ScorerError(Exception):
    """A problem with input the user gave us: a file, a URL, a rule or a config value."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        rule: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.rule = rule

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.rule:
            where = f"{where} [{self.rule}]" if where else f"[{self.rule}]"
        return f"{where}: {self.message}" if where else self.message
