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
HEAD, and every file new when nothing is staged (`pre-commit run --all-files`), since then no
commit is being judged.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import subprocess
from bisect import bisect_right
from dataclasses import dataclass

from scorer.errors import ScorerError
from scorer.load.decode import decode
from scorer.load.document import line_starts
from scorer.runs.outcome import Outcome

__all__ = ["GIT_TIMEOUT", "Change", "GitDiff", "changed_lines"]

# Seconds one git command may take; a diff of one article against any ref takes milliseconds.
GIT_TIMEOUT = 60.0

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
_BINARY = re.compile(rb"^Binary files .* differ$", re.M)
_DELETED = re.compile(rb"^deleted file mode ", re.M)
_ADDED = re.compile(rb"^new file mode ", re.M)
# The tree of no files: what HEAD is before a repository's first commit (git knows it unstored).
_EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
_BARE_CR = re.compile(rb"\r(?!\n)")
_LF = re.compile(rb"\n")
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")

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
    # Whole-repository rename detection cannot happen with one path; say so rather than depend
    # on diff.renames. A renamed article is a new file: every line is changed.
    "--no-renames",
    "--no-relative",
)


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

    def __init__(self, ref: str, *, staged: bool = False, timeout: float = GIT_TIMEOUT) -> None:
        self.ref = ref
        self.staged = staged
        self.timeout = timeout
        self._commits: dict[str, str] = {}
        self._nothing_staged: dict[str, bool] = {}
        # A hook under `git commit -a` or `git commit PATH` sees the commit's index in
        # GIT_INDEX_FILE (`.git/index.lock`, a temporary `next-index`), not `.git/index`:
        # "is anything staged" must ask that one, made absolute while the cwd is the hook's.
        index = os.environ.get("GIT_INDEX_FILE") if staged else None
        self._index = os.path.abspath(index) if index else None

    @property
    def name(self) -> str:
        """The base as a reader should see it on a score line."""
        return "HEAD (staged changes)" if self.staged else self.ref

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
        data = _read(path)
        directory, name = os.path.split(os.path.realpath(path))
        commit = self.commit(path)
        if commit == _EMPTY_TREE:
            return Change("new", _every_line(data, path), "HEAD (no commit yet)")
        if self.staged and self._staged_nothing(path, directory):
            why = "HEAD (nothing staged, so every file is judged as new)"
            return Change("new", _every_line(data, path), why)
        out = self._git(path, directory, *_DIFF, commit, "--", name)
        if not out:
            if self._git_tracks(path, directory, name):
                return Change("unchanged", frozenset())
            return Change("new", _every_line(data, path))
        if _DELETED.search(out) or _ADDED.search(out):
            # A file deleted in git's eyes but here on disk has been removed from the index.
            return Change("new", _every_line(data, path))
        if _BINARY.search(out):
            return Change("changed", _every_line(data, path))
        lines = _scorer_lines(_git_lines(out, _git_line_count(data)), data)
        return Change("changed" if lines else "unchanged", lines)

    def base_text(self, path: str) -> bytes | None:
        """The file as it was at the ref (None if it was not there), to score the base."""
        directory, name = os.path.split(os.path.realpath(path))
        commit = self.commit(path)
        if commit == _EMPTY_TREE:
            return None
        result = self._run(path, directory, "show", f"{commit}:./{name}")
        return result.stdout if result.returncode == 0 else None

    def _staged_nothing(self, path: str, directory: str) -> bool:
        """Whether the repository holding `path` has nothing staged: no commit is judged."""
        if directory not in self._nothing_staged:
            commit = self.commit(path)
            index = {"GIT_INDEX_FILE": self._index} if self._index else {}
            result = self._run(
                path, directory, "diff", "--cached", "--quiet", commit, "--", **index
            )
            if result.returncode not in (0, 1):
                raise _failure(result, path, "diff")
            self._nothing_staged[directory] = result.returncode == 0
        return self._nothing_staged[directory]

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
            raise ScorerError(f"unknown git ref {ref!r}", path=path)
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


def _read(path: str) -> bytes:
    """The file's bytes; like the loader, refuse a pipe or device rather than block on it."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise ScorerError("is a directory, not an article file", path=path)
        if not stat.S_ISREG(mode):
            raise ScorerError("is not a regular file (a pipe, socket or device)", path=path)
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise ScorerError("no such file", path=path) from None
    except PermissionError:
        raise ScorerError("permission denied", path=path) from None
    except OSError as error:
        raise ScorerError(f"cannot read: {error.strerror or error}", path=path) from None


def _git_line_count(data: bytes) -> int:
    """Lines as git counts them: LF-terminated, plus a last line without one."""
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def _git_lines(diff: bytes, count: int) -> set[int]:
    """New-side git line numbers a `--unified=0` diff touches (see the module docstring)."""
    lines: set[int] = set()
    for match in _HUNK.finditer(diff):
        start = int(match.group(1))
        length = 1 if match.group(2) is None else int(match.group(2))
        if length:
            lines.update(range(start, start + length))
        else:
            # A pure deletion: `start` is the line before the gap (0 at the top of the file).
            lines.update((start, start + 1))
    # Clamped to the file on disk: a clean filter (Git LFS) can make git's text another file's.
    return {line for line in lines if 1 <= line <= count}


def _scorer_lines(git_lines: set[int], data: bytes) -> frozenset[int]:
    """Git line numbers as scorer numbers lines: the same unless the file has a bare CR."""
    if not _BARE_CR.search(data):
        return frozenset(git_lines)
    # Byte offsets are enough: a text file scorer reads without a BOM is UTF-8 or a declared
    # ASCII-compatible charset (UTF-16 is binary to git), so CR and LF are the same bytes.
    git_starts = (0, *(m.end() for m in _LF.finditer(data)))
    starts = (0, *(m.end() for m in _LINE_BREAK.finditer(data)))
    lines: set[int] = set()
    for git_line in git_lines:
        begin = git_starts[git_line - 1]
        # The git line's last byte: its LF, or the file's last byte when no LF ends it.
        end = git_starts[git_line] - 1 if git_line < len(git_starts) else len(data) - 1
        lines.update(range(bisect_right(starts, begin), bisect_right(starts, end) + 1))
    return frozenset(lines)


def _every_line(data: bytes, path: str) -> frozenset[int]:
    """Every line of the file with text on it, numbered as scorer numbers them.

    The text is decoded as the loader decodes it (a UTF-16 file has NUL bytes between its line
    breaks); a file the loader would refuse raises the loader's ScorerError. No line follows a
    final line break, as git counts.
    """
    text = decode(data, path, html=True)
    starts = line_starts(text)
    count = len(starts) - (1 if starts[-1] == len(text) else 0)
    return frozenset(range(1, count + 1))
