"""pygls is the `[lsp]` extra: `audit` and `check` never import it, and `scorer lsp`
without it is one line saying what to install."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REWRITE

INSTALL = "pip install 'sourcing-scorer[lsp]'"


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


def test_the_command_line_audit_and_check_never_import_pygls():
    result = python(
        f"""
import sys
import scorer.cli
loaded = []
for args in (["check", "--fail-on", "none", {str(REWRITE)!r}],
             ["audit", "--format", "json", {str(REWRITE)!r}]):
    try:
        scorer.cli.cli(args)
    except SystemExit as stop:
        assert stop.code == 0, stop.code
import scorer
scorer.audit("Officials said the minister had resigned, sources say.")
print("LSP MODULES:", sorted(m for m in sys.modules if m.split(".")[0] in ("pygls", "lsprotocol", "scorer.lsp") or m.startswith("scorer.lsp")))
"""
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "LSP MODULES: []"


def test_scorer_lsp_without_pygls_is_one_line_and_exit_2():
    result = python(
        "import sys; sys.modules['pygls'] = None; sys.argv = ['scorer', 'lsp']\n"
        "from scorer.cli import main; main()"
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"scorer: error: the language server needs pygls: {INSTALL}\n"


def test_scorer_lsp_with_an_older_pygls_says_which_is_needed():
    result = python(
        "import sys, importlib.metadata as metadata\n"
        "sys.modules['pygls'] = None; metadata.version = lambda name: '1.3.1'\n"
        "sys.argv = ['scorer', 'lsp']\n"
        "from scorer.cli import main; main()"
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"scorer: error: the language server needs pygls 2 (1.3.1 is installed): {INSTALL}\n"
    )


def test_the_help_names_the_command_without_loading_it():
    result = python(
        "import sys; sys.modules['pygls'] = None; sys.argv = ['scorer', 'lsp', '--help']\n"
        "from scorer.cli import main; main()"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: scorer lsp [OPTIONS]\n\n  Run the language server")
