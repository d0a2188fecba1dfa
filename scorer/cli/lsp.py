"""`scorer lsp`: the language server, for editors (docs/editors.md).

pygls is an extra: it is imported when the command runs, never when the command line
loads, so `audit` and `check` work without it and `scorer lsp` says in one line what to
install.
"""

from __future__ import annotations

import os
import sys

import click

from scorer.cli import cli
from scorer.cli.common import fail

NEEDS_PYGLS = "the language server needs pygls: pip install 'sourcing-scorer[lsp]'"


@cli.command()
@click.option("--stdio", is_flag=True,
              help="Talk LSP over standard input and output: the only transport, and the "
              "default; accepted for clients that pass it.")  # fmt: skip
def lsp(stdio: bool) -> None:
    """Run the language server over stdio: diagnostics, hovers and quick fixes in an editor.

    Markdown and plain-text documents are audited as they are opened, edited and saved,
    each under the config that applies to its file. See docs/editors.md for VS Code,
    Neovim and Helix.
    """
    try:
        from scorer.lsp.server import serve
    except ImportError as error:
        if (error.name or "").partition(".")[0] not in ("pygls", "lsprotocol", "cattrs"):
            raise
        fail(_missing())
    code = serve()
    sys.stderr.flush()
    # Straight out: the thread pygls reads stdin in may still be blocked on a pipe the client
    # has not closed, and interpreter shutdown would wait for it.
    os._exit(code)


def _missing() -> str:
    """What to install: pygls, or pygls 2 where an older one is installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("pygls")
    except PackageNotFoundError:
        return NEEDS_PYGLS
    if found.startswith("2."):
        return NEEDS_PYGLS  # installed, but a module of it or lsprotocol is missing
    install = NEEDS_PYGLS.split(": ", 1)[1]
    return f"the language server needs pygls 2 ({found} is installed): {install}"
