"""The documented pre-commit hook, run for real: `pre-commit install`, then `git commit`.

The hook repository is this project as it is on disk: its tracked files are copied into a
throwaway git repository and committed, and the newsroom repositories name it the way
docs/ci.md's offline recipe does (`repo:` a local path, `rev:` a full sha). pre-commit builds
the hook's environment by pip-installing that repository, which takes a while: it is built
once, in a PRE_COMMIT_HOME the module shares, and every case reuses it.

Git never reads the user's or the system's config, and never looks above the temporary
directory for a repository, so the cases run the same on any machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import INDEPENDENT, REWRITE, ROOT

pytestmark = pytest.mark.slow

pytest.importorskip("pre_commit")

# Commands end on their own; these bounds only keep a broken run from hanging the suite.
INSTALL_TIMEOUT = 1800
RUN_TIMEOUT = 600

# pre-commit pads a hook's name with dots to 79 columns, whatever the terminal.
HOOK = "scorer check (sourcing of news copy)"
PASSED = f"{HOOK}{'.' * (79 - len(HOOK) - len('Passed'))}Passed"
FAILED = f"{HOOK}{'.' * (79 - len(HOOK) - len('Failed'))}Failed"
SKIPPED = (
    f"{HOOK}{'.' * (79 - len(HOOK) - len('(no files to check)Skipped'))}(no files to check)Skipped"
)

# A well-sourced draft from the Independent's page: its headline and standfirst, then the
# paragraphs that put named people on record. (The whole page is held to every finding on a
# first commit, and fails: its lede says the general "reportedly" defected under a headline
# that states it as fact, a headline-overstates error.)
_PAGE = INDEPENDENT.read_text(encoding="utf-8").splitlines()
WELL_SOURCED = "\n".join([*_PAGE[0:2], "", *_PAGE[8:15]]) + "\n"
# The rewrite scores 15.5, with two errors (headline-overstates at the headline and
# anonymous-and-hedged, a whole-document rule placed at the lede). As an old draft it was
# committed with a typo in its caption, the last line.
WEAK = REWRITE.read_text(encoding="utf-8")
assert WEAK.rstrip().endswith("\n\nImage: Getty")
WEAK_WITH_TYPO = WEAK.replace("Image: Getty", "Image: Gettty")

# Variables that would point git at another repository or index, or change what pre-commit
# runs (SKIP names hooks to skip), when the suite itself runs inside a git hook or a CI job.
_DROPPED = ("GIT_", "PRE_COMMIT", "SKIP")


@dataclass(frozen=True)
class Hook:
    env: dict[str, str]  # for git and pre-commit: isolated config, PRE_COMMIT_HOME
    config: str  # a .pre-commit-config.yaml naming the hook repository at its sha


def run(cwd: Path, env: dict[str, str], *args: str, timeout: float = RUN_TIMEOUT):
    """Run a command; its stdout and stderr as one text, as a terminal would show them."""
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    result = run(cwd, env, "git", *args)
    assert result.returncode == 0, result.stdout
    return result.stdout


def pre_commit(cwd: Path, env: dict[str, str], *args: str, timeout: float = RUN_TIMEOUT):
    return run(cwd, env, sys.executable, "-m", "pre_commit", *args, timeout=timeout)


def shown(output: str) -> list[str]:
    """The lines a user reads, less the hook's duration, which is the clock's."""
    return [line for line in output.splitlines() if not line.startswith("- duration: ")]


def commits(repo: Path, env: dict[str, str]) -> int:
    return int(git(repo, env, "rev-list", "--count", "HEAD"))


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory) -> Hook:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("precommit")
    env = {k: v for k, v in os.environ.items() if not k.startswith(_DROPPED)}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Desk Editor",
        GIT_AUTHOR_EMAIL="desk@newsroom.invalid",
        GIT_COMMITTER_NAME="Desk Editor",
        GIT_COMMITTER_EMAIL="desk@newsroom.invalid",
        GIT_CEILING_DIRECTORIES=str(base),
        PRE_COMMIT_HOME=str(base / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
    )
    # The project's tracked files as they are on disk, uncommitted edits and all.
    # (The user's git config is read here: it may say the checkout is a safe.directory.)
    outer = {k: v for k, v in os.environ.items() if not k.startswith(_DROPPED)}
    listed = run(ROOT, outer, "git", "ls-files", "-z")
    if listed.returncode != 0:
        pytest.skip(f"not a git checkout of the project: {listed.stdout.strip()}")
    clone = base / "scorer"
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if not os.path.lexists(source):
            continue  # deleted in the work tree, not yet in the index
        target = clone / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    git(clone, env, "init", "-q", "-b", "main")
    git(clone, env, "add", "-A")
    git(clone, env, "commit", "-q", "-m", "scorer as on disk")
    sha = git(clone, env, "rev-parse", "HEAD").strip()
    config = (
        "repos:\n"
        f"  - repo: {clone}\n"
        f"    rev: {sha}\n"
        "    hooks:\n"
        "      - id: scorer-check\n"
        '        args: [--fail-under, "60"]\n'
    )
    # Build the hook's environment once (pip installs sourcing-scorer and its dependencies).
    setup = base / "setup"
    git(base, env, "init", "-q", "-b", "main", str(setup))
    (setup / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    built = pre_commit(setup, env, "install-hooks", timeout=INSTALL_TIMEOUT)
    assert built.returncode == 0, built.stdout
    return Hook(env, config)


def newsroom(path: Path, hook: Hook, *, old_draft: bool) -> Path:
    """A newsroom repository with the hook installed; `old_draft`: a weak draft (with a
    typo in its caption) was committed before the hook was, and the hook's config after."""
    git(path.parent, hook.env, "init", "-q", "-b", "main", str(path))
    (path / "drafts").mkdir()
    if old_draft:
        (path / "drafts" / "defection.txt").write_text(WEAK_WITH_TYPO, encoding="utf-8")
        git(path, hook.env, "add", "drafts/defection.txt")
        git(path, hook.env, "commit", "-q", "-m", "an old draft, before the hook")
    (path / ".pre-commit-config.yaml").write_text(hook.config, encoding="utf-8")
    installed = pre_commit(path, hook.env, "install")
    assert installed.returncode == 0, installed.stdout
    assert shown(installed.stdout) == ["pre-commit installed at .git/hooks/pre-commit"]
    if old_draft:
        git(path, hook.env, "add", ".pre-commit-config.yaml")
        committed = run(path, hook.env, "git", "commit", "-m", "the sourcing hook")
        assert committed.returncode == 0, committed.stdout
        assert SKIPPED in shown(committed.stdout)  # a config file is not news copy
    return path


def test_a_first_commit_of_a_well_sourced_draft_passes_and_shows_its_score(
    tmp_path: Path, hook: Hook
):
    repo = newsroom(tmp_path / "newsroom", hook, old_draft=False)
    (repo / "drafts" / "habib.txt").write_text(WELL_SOURCED, encoding="utf-8")
    git(repo, hook.env, "add", "-A")
    # Before --staged this was exit 2: "unknown git ref 'HEAD'", there being no commit yet.
    result = run(repo, hook.env, "git", "commit", "-m", "first")
    assert result.returncode == 0, result.stdout
    lines = shown(result.stdout)
    assert lines[:3] == [PASSED, "- hook id: scorer-check", ""]
    # verbose: the score line is shown although the hook passed.
    assert (
        "drafts/habib.txt: 96.5 / 100 well sourced, 9 findings: "
        "ok (new since HEAD (no commit yet): gated whole)"
    ) in lines
    assert (
        "drafts/habib.txt:4:151: warning anonymous-source-no-reason the copy does not say why 'a Western diplomatic official' is not named"
        in lines
    )
    assert commits(repo, hook.env) == 1


# git runs a hook with GIT_INDEX_FILE naming the index being committed: .git/index for a plain
# `git commit`, .git/index.lock for `git commit -a`, a temporary .git/next-index-*.lock for
# `git commit PATH`. `--staged` must ask that index whether the commit changes a file: the
# repository's own index has nothing staged under the last two, so the draft would be judged
# whole, as a file the commit does not change, and fail.
COMMITS = {
    "git-add-then-commit": (),
    "git-commit-a": ("-a",),
    "git-commit-path": ("--", "drafts/defection.txt"),
}


@pytest.mark.parametrize("how", list(COMMITS))
def test_a_typo_fix_in_an_old_weak_draft_is_committed(tmp_path: Path, hook: Hook, how: str):
    repo = newsroom(tmp_path / "newsroom", hook, old_draft=True)
    draft = repo / "drafts" / "defection.txt"
    draft.write_text(WEAK, encoding="utf-8")  # "Image: Gettty" -> "Image: Getty"
    if how == "git-add-then-commit":
        git(repo, hook.env, "add", "drafts/defection.txt")
    result = run(repo, hook.env, "git", "commit", "-m", "caption typo", *COMMITS[how])
    # The draft scores 15.5, under the bar of 60, and has two errors, but the commit brought in
    # no finding and its score did not fall: a typo fix does not answer for the draft it fixes.
    assert result.returncode == 0, result.stdout
    lines = shown(result.stdout)
    assert lines[:4] == [
        PASSED,
        "- hook id: scorer-check",
        "",
        "drafts/defection.txt: 15.5 / 100 poorly sourced, 0 new findings on changed lines: "
        "ok (changed since HEAD: gated on the findings it brought in on changed lines, and on "
        "its score only if it fell, and it did not (15.5 at HEAD))",
    ]
    assert any(re.fullmatch(r"\[main [0-9a-f]{7,}\] caption typo", line) for line in lines)
    assert commits(repo, hook.env) == 3


def test_a_new_draft_with_anonymous_sources_and_errors_is_blocked(tmp_path: Path, hook: Hook):
    repo = newsroom(tmp_path / "newsroom", hook, old_draft=False)
    (repo / "drafts" / "habib.txt").write_text(WELL_SOURCED, encoding="utf-8")
    git(repo, hook.env, "add", "-A")
    assert run(repo, hook.env, "git", "commit", "-m", "first").returncode == 0
    (repo / "drafts" / "rewrite.txt").write_text(WEAK, encoding="utf-8")
    git(repo, hook.env, "add", "drafts/rewrite.txt")
    result = run(repo, hook.env, "git", "commit", "-m", "the rewrite")
    assert result.returncode == 1, result.stdout
    lines = shown(result.stdout)
    assert lines[:4] == [FAILED, "- hook id: scorer-check", "- exit code: 1", ""]
    # Only the file the commit adds is judged; the committed draft is not passed to the hook.
    assert not any(line.startswith("drafts/habib.txt") for line in lines)
    assert (
        "drafts/rewrite.txt:7:67: warning anonymous-source-undescribed 'multiple sources' is anonymous, with no agency, side or role given"
        in lines
    )
    assert [line for line in lines if " error " in line] == [
        "drafts/rewrite.txt:1:1: error headline-overstates the headline states as fact what the body hedges with 'reportedly': 'Syrian President Bashar al-Assad’s former defense minister has reportedly defected to Turkey, …'",
        "drafts/rewrite.txt:3:1: error anonymous-and-hedged most sources are unnamed (2 anonymous, 0 vague, 3 agentless of 9) and the copy hedges heavily ('reportedly', 'may', 'ostensibly', 'It’s been suggested' and 5 more): little here is on record",
    ]
    assert [line for line in lines if line.startswith("drafts/rewrite.txt: ")] == [
        "drafts/rewrite.txt: 15.5 / 100 poorly sourced, 24 findings: "
        "FAIL (score 15.5 is under 60; 2 findings of severity error; new since HEAD: gated whole)"
    ]
    assert commits(repo, hook.env) == 1
    assert git(repo, hook.env, "diff", "--cached", "--name-only") == "drafts/rewrite.txt\n"


def test_all_files_judges_each_file_the_commit_does_not_change_whole(tmp_path: Path, hook: Hook):
    repo = newsroom(tmp_path / "newsroom", hook, old_draft=True)
    (repo / "drafts" / "habib.txt").write_text(WELL_SOURCED, encoding="utf-8")
    git(repo, hook.env, "add", "drafts/habib.txt")
    assert run(repo, hook.env, "git", "commit", "-m", "a good draft").returncode == 0
    assert git(repo, hook.env, "status", "--porcelain") == ""
    result = pre_commit(repo, hook.env, "run", "--all-files")
    # No commit changes these files, so each is judged whole, held to the bar and to all its
    # findings: the old weak draft, which a commit touching it would let through when its score
    # does not fall, fails here. This is why docs/ci.md has CI run
    # `scorer check --diff origin/main...` rather than `pre-commit run --all-files`.
    assert result.returncode == 1, result.stdout
    lines = shown(result.stdout)
    assert lines[:4] == [FAILED, "- hook id: scorer-check", "- exit code: 1", ""]
    score = sorted(line for line in lines if " / 100 " in line)
    assert score == [
        "drafts/defection.txt: 15.5 / 100 poorly sourced, 24 findings: "
        "FAIL (score 15.5 is under 60; 2 findings of severity error; "
        "not changed by this commit: gated whole)",
        "drafts/habib.txt: 96.5 / 100 well sourced, 9 findings: "
        "ok (not changed by this commit: gated whole)",
    ]


def test_all_files_with_a_change_staged_judges_each_file_by_itself(tmp_path: Path, hook: Hook):
    repo = newsroom(tmp_path / "newsroom", hook, old_draft=True)
    draft = repo / "drafts" / "habib.txt"
    draft.write_text(WELL_SOURCED, encoding="utf-8")
    git(repo, hook.env, "add", "drafts/habib.txt")
    assert run(repo, hook.env, "git", "commit", "-m", "a good draft").returncode == 0
    edited = WELL_SOURCED.replace("a long military career", "a long army career")
    assert edited != WELL_SOURCED
    draft.write_text(edited, encoding="utf-8")
    git(repo, hook.env, "add", "drafts/habib.txt")
    result = pre_commit(repo, hook.env, "run", "--all-files")
    # Each file is judged by itself: the staged edit as the commit would be (it brought in no
    # finding), the old weak draft, which the commit does not change, whole. (Once, anything
    # staged made every other file "unchanged", and so not gated.)
    assert result.returncode == 1, result.stdout
    lines = shown(result.stdout)
    assert lines[:4] == [FAILED, "- hook id: scorer-check", "- exit code: 1", ""]
    score = sorted(line for line in lines if " / 100 " in line)
    assert score == [
        "drafts/defection.txt: 15.5 / 100 poorly sourced, 24 findings: "
        "FAIL (score 15.5 is under 60; 2 findings of severity error; "
        "not changed by this commit: gated whole)",
        "drafts/habib.txt: 96.5 / 100 well sourced, 0 new findings on changed lines: "
        "ok (changed since HEAD: gated on the findings it brought in on changed lines, and on "
        "its score only if it fell)",
    ]
