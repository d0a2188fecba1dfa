"""The pre-commit hook manifest: what `pre-commit` reads to install and run `scorer check`."""

from __future__ import annotations

import re
import shlex
import textwrap
import tomllib
from importlib import import_module

import yaml

from scorer.load import detect_format
from tests.conftest import ROOT

ARTICLE_FILES = [
    "desk/habib-defection.txt",
    "desk/habib-defection.text",
    "desk/habib-defection.md",
    "desk/habib-defection.markdown",
    "desk/habib-defection.mdown",
    "desk/habib-defection.mkd",
    "desk/habib-defection.html",
    "desk/habib-defection.htm",
    "desk/habib-defection.xhtml",
    "desk/HABIB DEFECTION.MD",
]
OTHER_FILES = [
    "README",
    "LICENSE",
    "setup.py",
    "rules/house.toml",
    "desk/habib.md.orig",
    "site.css",
]


def hooks() -> list[dict[str, object]]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def scripts() -> dict[str, str]:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["scripts"]


def test_the_manifest_declares_one_hook_with_the_keys_pre_commit_requires():
    (hook,) = hooks()
    assert {"id", "name", "entry", "language"} <= hook.keys()
    assert hook["id"] == "scorer-check"
    assert hook["language"] == "python"
    assert hook["args"] == []
    assert hook["require_serial"] is False
    assert hook["types"] == ["text"]
    # pre-commit shows a hook's output only when it fails unless the hook is verbose: the score
    # lines, and the notices of files not gated, are shown on a pass too.
    assert hook["verbose"] is True


def test_the_entry_runs_check_staged_through_the_declared_console_script():
    (hook,) = hooks()
    assert hook["entry"] == "scorer check --staged"
    command, *arguments = shlex.split(hook["entry"])
    assert arguments == ["check", "--staged"]
    assert command == "scorer"
    assert scripts()[command] == "scorer.cli:main"
    module, _, function = scripts()[command].partition(":")
    assert callable(getattr(import_module(module), function))
    check = import_module("scorer.cli").cli.commands["check"]
    assert "--staged" in {name for param in check.params for name in param.opts}


def test_the_documented_config_pins_a_commit_of_a_real_host_with_the_hook_id():
    # The config to copy is the indented block of the header comment.
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    block = textwrap.dedent(
        "\n".join(line[1:] for line in text.splitlines() if line.startswith("#   "))
    )
    (repo,) = yaml.safe_load(block)
    assert repo["repo"] == "https://github.com/OWNER/REPO"
    # A full commit sha: pre-commit cannot check out a tag that was never pushed (`v0.1.0`).
    assert re.fullmatch(r"[0-9a-f]{40}", repo["rev"])
    assert repo["hooks"] == [
        {"id": "scorer-check", "args": ["--fail-under", "60"], "files": "^drafts/"}
    ]
    # `files:` replaces the manifest's: the drafts only, not a requirements file or notes.
    files = re.compile(repo["hooks"][0]["files"])
    assert files.search("drafts/2026/budget.md")
    assert not files.search("requirements.txt")
    assert not files.search("notes/drafts/todo.txt")
    assert "git ls-remote https://github.com/OWNER/REPO HEAD" in text
    assert "pre-commit autoupdate --freeze" in text


def test_the_hook_runs_on_every_suffix_the_loader_reads_and_nothing_else():
    (hook,) = hooks()
    files = re.compile(hook["files"])
    for name in ARTICLE_FILES:
        assert files.search(name), name
        assert detect_format(name) is not None, name
    for name in OTHER_FILES:
        assert not files.search(name), name


def test_project_documents_are_not_news_copy():
    (hook,) = hooks()
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

    def checked(path: str) -> bool:  # pre-commit: `files` must match, `exclude` must not
        return bool(files.search(path)) and not exclude.search(path)

    assert checked("drafts/budget.md")
    assert checked("news/2026/flood.html")
    assert not checked("README.md")
    assert not checked("CHANGELOG.md")
    assert not checked("sub/CONTRIBUTING.md")
    assert not checked("docs/ci.md")
    assert not checked("notes.py")
