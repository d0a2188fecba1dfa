"""Changed lines: which lines of a file on disk were added or changed since a git ref.

`scorer check --diff REF` reports only the findings on these lines (the score still covers the
whole Document), which is what CI on a pull request wants. The answer is a set of 1-based line
numbers of the file as it is now in the working tree, numbered the way `Document.line_col`
numbers them; it comes from `git diff --unified=0 REF -- FILE`, run in the file's directory so
the repository is the file's, not the process's.

What counts as changed:

- An added or edited line. `"Two sources said"` edited to `"Sources said"` on line 7 gives {7}.
- The two lines either side of a deletion (only one at the start or end of the file): deleting
  "the minister said" can leave the claim beside it unattributed, and with no context git's
  choice of where a run of deleted lines sat is arbitrary. Deleting old line 3 of 5 gives {2, 3}.
- Every line of a file git does not track (untracked, ignored, or removed from the index), of a
  file added since REF, and of a file git calls binary (UTF-16 text, `-diff` in
  .gitattributes) that differs from REF: git cannot say which lines changed.
- Not: a line that only moved because lines above it were added or deleted, nor a file whose
  mode alone changed.

Line ends: git splits lines on LF only, scorer on CRLF, CR and LF. CRLF files agree line for
line. A bare CR (classic Mac line end) inside a git line splits it for scorer, so a changed git
line marks every scorer line it holds: a file with only CR line ends is one git line, and any
change to it marks all of its lines. An HTML page's findings have the page's lines too (each
extracted block is found in the page: scorer.load.html_locate), so only those on changed lines
are reported; a finding whose span the page did not give back has no line of the file and is
reported whenever the file changed (scorer.runs.outcome).

A symbolic link is followed: the repository and the diff are those of the file it points to.

`REF` is any commit git can name (`origin/main`, `HEAD~1`, a sha). `REF...` (three dots, as in
`git diff REF...`) means the merge base of REF and HEAD: the lines this branch changed, not the
ones REF changed since the branch left it; CI on a pull request wants `origin/main...`.

Each file is also "new" (not at the base: added, untracked, or the repository has no commit yet
and the ref is HEAD), "changed" or "unchanged": the gate judges them differently
(scorer.runs.gate). `staged=True` is what a pre-commit hook wants: the files on disk against
HEAD, and a file the commit does not change is "whole", judged like a file without `--diff`
(`pre-commit run --all-files` hands the hook every file, most of them not in any commit).
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from dataclasses import dataclass

from scorer.errors import ScorerError
from scorer.runs.difflines import every_line, git_line_count, git_lines, read_file, scorer_lines
from scorer.runs.outcome import Outcome

__all__ = ["GIT_TIMEOUT", "Change", "GitDiff", "changed_lines"]

# Seconds one git command may take; a diff of one article against any ref takes milliseconds.
GIT_TIMEOUT = 60.0

_BINARY = re.compile(rb"^Binary files .* differ$", re.M)
_DELETED = re.compile(rb"^deleted file mode ", re.M)
_ADDED = re.compile(rb"^new file mode ", re.M)
# The tree of no files: what HEAD is before a repository's first commit (git knows it unstored).
_EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

# Variables that point git at a repository other than the one holding the file (a hook runs
# with GIT_DIR and GIT_INDEX_FILE set for the repository being committed to), and
# GIT_DIFF_OPTS, which overrides --unified on the command line.
_DROPPED_ENV = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_PREFIX",
    "GIT_EXTERNAL_DIFF",
    "GIT_DIFF_OPTS",
)
# Configuration that would change what `git diff` prints, pinned whatever the user set.
_CONFIG = (
    "-c",
    "core.quotepath=off",
    "-c",
    "diff.noprefix=false",
    # A file name is a name, never a pattern: `*.md` or `:(top)x` means that file.
    "--literal-pathspecs",
)
_DIFF = (
    "diff",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--unified=0",
    # Hunks closer than diff.interHunkContext lines would merge, unchanged lines and all.
    "--inter-hunk-context=0",
    # Rename detection cannot happen with one path; say so rather than depend on diff.renames.
    # A file added since the ref is looked up among the work tree's renames instead.
    "--no-renames",
    "--no-relative",
)
# A renamed file's own changes: the diff of the old path against the new, renames found.
_DIFF_MOVED = tuple("--find-renames" if arg == "--no-renames" else arg for arg in _DIFF)
# Every rename in the work tree since the ref, as NUL-separated status, old and new paths.
_RENAMES = ("diff", "--find-renames", "--name-status", "-z", "--no-relative", "--diff-filter=R")


@dataclass(frozen=True)
class Change:
    """What a file's change since the ref is: "new", "changed" or "unchanged", and its lines."""

    status: str
    lines: frozenset[int]
    # The base as the score line names it, when it is not the ref: no commit yet, or a hook
    # run with nothing staged.
    base: str | None = None


class GitDiff:
    """Changed lines since one git ref, for many files; the ref is resolved once per directory.

    >>> diff = GitDiff("origin/main...")
    >>> diff.changed_lines("articles/budget.md")  # doctest: +SKIP
    frozenset({7, 12, 13})
    """

    def __init__(
        self,
        ref: str,
        *,
        staged: bool = False,
        timeout: float = GIT_TIMEOUT,
        named_by: str | None = None,
    ) -> None:
        if not ref.strip():
            raise ScorerError("--diff needs a git ref, e.g. origin/main...")
        if ref.endswith("..") and not ref.endswith("..."):
            raise ScorerError(
                f"--diff {ref}: write {ref[:-2]}... (three dots: the merge base, what the "
                f"branch changed) or {ref[:-2]} (its tip)"
            )
        self.ref = ref
        self.named_by = named_by  # the config file that named the ref, if not the command line
        self.staged = staged
        self.timeout = timeout
        self._commits: dict[str, str] = {}
        self._tops: dict[str, str] = {}
        self._renames: dict[tuple[str, str], dict[str, str]] = {}
        # A hook under `git commit -a` or `git commit PATH` sees the commit's index in
        # GIT_INDEX_FILE (`.git/index.lock`, a temporary `next-index`), not `.git/index`:
        # "is anything staged" must ask that one, made absolute while the cwd is the hook's.
        index = os.environ.get("GIT_INDEX_FILE") if staged else None
        self._index = os.path.abspath(index) if index else None

    @property
    def name(self) -> str:
        """The base as a reader should see it on a score line."""
        return self.ref

    def diffed(self, outcome: Outcome) -> Outcome:
        """The outcome with the lines changed since the ref, or an error for a source that is
        no file."""
        if outcome.audit is None:
            return outcome
        if outcome.kind != "file":
            error = f"{outcome.source}: --diff needs a file in a git work tree"
            return dataclasses.replace(outcome, audit=None, error=error)
        try:
            change = self.change(outcome.source)
        except ScorerError as error:
            return dataclasses.replace(outcome, audit=None, error=str(error))
        base = change.base or self.name
        return dataclasses.replace(outcome, changed=change.lines, status=change.status, base=base)

    def changed_lines(self, path: str) -> frozenset[int]:
        """1-based lines of `path` as it is on disk that were added or changed since the ref."""
        return self.change(path).lines

    def change(self, path: str) -> Change:
        """Whether `path` is new, changed or unchanged since the ref, and its changed lines."""
        data = read_file(path)
        directory, name = os.path.split(os.path.realpath(path))
        commit = self.commit(path)
        if commit == _EMPTY_TREE:
            return Change("new", every_line(data, path), "HEAD (no commit yet)")
        if self.staged and not self._staged(path, directory, commit, name):
            return Change("whole", every_line(data, path))
        out = self._git(path, directory, *_DIFF, commit, "--", name)
        if not out:
            if self._git_tracks(path, directory, name):
                return Change("unchanged", frozenset())
            return Change("new", every_line(data, path))
        if _ADDED.search(out):
            old = self._renamed_from(path, commit)
            if old is not None:  # moved (to archive/, say): judged against where it was
                out = self._git(path, self._top(path), *_DIFF_MOVED, commit, "--", *old)
                lines = scorer_lines(git_lines(out, git_line_count(data)), data)
                return Change(
                    "changed" if lines else "unchanged", lines, f"{self.name}, as {old[0]}"
                )
            return Change("new", every_line(data, path))
        if _DELETED.search(out):
            # A file deleted in git's eyes but here on disk has been removed from the index.
            return Change("new", every_line(data, path))
        if _BINARY.search(out):
            return Change("changed", every_line(data, path))
        lines = scorer_lines(git_lines(out, git_line_count(data)), data)
        return Change("changed" if lines else "unchanged", lines)

    def base_text(self, path: str) -> bytes | None:
        """The file as it was at the ref (None if it was not there), to score the base;
        for a file git sees renamed since, the file it was renamed from."""
        directory, name = os.path.split(os.path.realpath(path))
        commit = self.commit(path)
        if commit == _EMPTY_TREE:
            return None
        result = self._run(path, directory, "show", f"{commit}:./{name}")
        if result.returncode == 0:
            return result.stdout
        old = self._renamed_from(path, commit)
        if old is None:
            return None
        result = self._run(path, self._top(path), "show", f"{commit}:{old[0]}")
        return result.stdout if result.returncode == 0 else None

    def _renamed_from(self, path: str, commit: str) -> tuple[str, str] | None:
        """(old, new) paths from the repository's root when git sees `path` renamed since the
        ref (a `git mv`, or a move staged as a delete and an add)."""
        top = self._top(path)
        if (top, commit) not in self._renames:
            out = self._git(path, top, *_RENAMES, commit, "--")
            fields = out.decode("utf-8", "surrogateescape").split("\0")
            pairs = {}
            for n in range(0, len(fields) - 2, 3):
                if fields[n].startswith("R"):
                    pairs[fields[n + 2]] = fields[n + 1]
            self._renames[(top, commit)] = pairs
        new = os.path.relpath(os.path.realpath(path), top)
        old = self._renames[(top, commit)].get(new)
        return None if old is None else (old, new)

    def _top(self, path: str) -> str:
        """The root of the work tree holding `path`."""
        directory = os.path.dirname(os.path.realpath(path))
        if directory not in self._tops:
            out = self._git(path, directory, "rev-parse", "--show-toplevel")
            self._tops[directory] = out.decode("utf-8", "surrogateescape").strip()
        return self._tops[directory]

    def _staged(self, path: str, directory: str, commit: str, name: str) -> bool:
        """Whether the commit being made changes `path`. A hook is handed only such files on
        a commit; any other file it is asked about (`pre-commit run --all-files`) is judged
        whole, since no commit of it is being judged."""
        index = {"GIT_INDEX_FILE": self._index} if self._index else {}
        result = self._run(
            path, directory, "diff", "--cached", "--quiet", commit, "--", name, **index
        )
        if result.returncode not in (0, 1):
            raise _failure(result, path, "diff")
        return result.returncode == 1

    def commit(self, path: str) -> str:
        """The commit the ref names in the repository holding `path`: a full sha.

        Raises ScorerError when git is missing, `path` is not in a repository or the ref is
        unknown there, so a caller can check once before it audits many files.
        """
        directory = os.path.dirname(os.path.realpath(path))
        if directory not in self._commits:
            self._commits[directory] = self._resolve(path, directory)
        return self._commits[directory]

    def _resolve(self, path: str, directory: str) -> str:
        ref, merge_base = self.ref, self.ref.endswith("...")
        if merge_base:
            ref = ref[:-3]
        commit = self._verify(path, directory, ref)
        if not merge_base or commit == _EMPTY_TREE:
            return commit
        base = self._run(path, directory, "merge-base", commit, "HEAD")
        if base.returncode == 1:
            raise ScorerError(
                f"git ref {ref!r} and HEAD have no common ancestor (in a shallow clone, fetch "
                "more history)",
                path=path,
            )
        return _checked(base, path, "merge-base").decode("ascii").strip()

    def _verify(self, path: str, directory: str, ref: str) -> str:
        # One command says both whether this is a repository (128 otherwise) and whether the
        # ref names a commit in it (1 otherwise); --end-of-options keeps a ref like `--output=x`
        # from being read as an option, and every later command gets the sha, never the ref.
        spec = f"{ref}^{{commit}}"
        result = self._run(
            path, directory, "rev-parse", "--show-toplevel", "--verify", "--quiet",
            "--end-of-options", spec,
        )  # fmt: skip
        if result.returncode == 0:
            return result.stdout.splitlines()[-1].decode("ascii")
        if b"not a git repository" in result.stderr:
            raise ScorerError("not inside a git repository", path=path)
        if result.returncode == 1 and ref == "HEAD" and self._unborn(path, directory):
            return _EMPTY_TREE  # a repository's first commit: every file is new
        if result.returncode == 1 and result.stdout.strip():
            where = f" (the `diff` of {self.named_by}; --no-diff checks every line)"
            raise ScorerError(f"unknown git ref {ref!r}{where if self.named_by else ''}", path=path)
        raise _failure(result, path, "rev-parse")

    def _unborn(self, path: str, directory: str) -> bool:
        """Whether HEAD names a branch with no commit yet (a repository's first commit)."""
        branch = self._run(path, directory, "symbolic-ref", "--quiet", "HEAD")
        if branch.returncode != 0:
            return False
        ref = branch.stdout.decode("utf-8", "replace").strip()
        exists = self._run(path, directory, "rev-parse", "--verify", "--quiet", ref)
        return exists.returncode == 1

    def _git_tracks(self, path: str, directory: str, name: str) -> bool:
        result = self._run(path, directory, "ls-files", "--error-unmatch", "--", name)
        if result.returncode == 1:
            return False
        _checked(result, path, "ls-files")
        return True

    def _git(self, path: str, directory: str, *args: str) -> bytes:
        return _checked(self._run(path, directory, *args), path, args[0])

    def _run(
        self, path: str, directory: str, *args: str, **env: str
    ) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                ["git", *_CONFIG, *args],
                cwd=directory,
                env={**_environment(), **env},
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=False,
                check=False,
                timeout=self.timeout,
            )
        except FileNotFoundError:
            raise ScorerError("git is not installed (no `git` on PATH)", path=path) from None
        except subprocess.TimeoutExpired:
            raise ScorerError(
                f"git {args[0]} did not finish in {self.timeout:g} seconds", path=path
            ) from None
        except OSError as error:
            raise ScorerError(f"cannot run git: {error.strerror or error}", path=path) from None


def changed_lines(path: str, ref: str) -> frozenset[int]:
    """1-based lines of `path` as it is on disk that were added or changed since git ref `ref`.

    One file, one ref; for many files use one `GitDiff(ref)`, which resolves the ref once.
    """
    return GitDiff(ref).changed_lines(path)


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _DROPPED_ENV}
    # English messages (we recognise "not a git repository"), no pager, no prompt, and no
    # index.lock taken to refresh stat data while another git command may be running.
    env.update(
        LC_ALL="C",
        LANGUAGE="C",
        GIT_PAGER="cat",
        PAGER="cat",
        GIT_TERMINAL_PROMPT="0",
        GIT_OPTIONAL_LOCKS="0",
    )
    return env


def _checked(result: subprocess.CompletedProcess[bytes], path: str, command: str) -> bytes:
    if result.returncode == 0:
        return result.stdout
    raise _failure(result, path, command)


def _failure(result: subprocess.CompletedProcess[bytes], path: str, command: str) -> ScorerError:
    """git's own reason, first line: "detected dubious ownership in repository at '/src'"."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    reasons = [line for line in lines if line.startswith(("fatal: ", "error: "))] or lines
    why = reasons[0].removeprefix("fatal: ").removeprefix("error: ") if reasons else "no message"
    return ScorerError(f"git {command} failed (exit {result.returncode}): {why}", path=path)
