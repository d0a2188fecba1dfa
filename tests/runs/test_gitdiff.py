"""Changed lines since a git ref, from real throwaway repositories: what `check --diff` keeps."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from scorer.errors import ScorerError
from scorer.load import load
from scorer.runs import gitdiff
from scorer.runs.gitdiff import GitDiff, changed_lines
from scorer.runs.outcome import Outcome
from scorer.scoring.audit import audit_document
from tests.conftest import UNLOCATABLE_PAGE

ARTICLE = [
    "Syria crisis: General deserts Damascus and flees to Turkey",
    "A former Syrian defence minister has reportedly defected from the government side.",
    "If his defection is confirmed, General Ali Habib would be the highest ranking Alawite to defect.",
    "Activists said he had fled across the border to Turkey in the dead of night.",
    "Syrian state television denied the report.",
]


def lines(*rows: str, end: str = "\n") -> str:
    return "".join(row + end for row in rows)


class Repo:
    """A git repository in a temporary folder, with the user's own git configuration kept out."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "--quiet", "--initial-branch=main")

    def git(self, *args: str) -> str:
        env = {
            **os.environ,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Desk Editor",
            "GIT_AUTHOR_EMAIL": "desk@example.invalid",
            "GIT_COMMITTER_NAME": "Desk Editor",
            "GIT_COMMITTER_EMAIL": "desk@example.invalid",
        }
        result = subprocess.run(
            ["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    def write(self, name: str, text: str) -> str:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return str(path)

    def commit(self, message: str = "edit") -> str:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    # No repository above tmp_path may stand in for a missing one.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    return Repo(tmp_path / "newsroom")


@pytest.fixture
def article(repo: Repo) -> str:
    path = repo.write("habib.txt", lines(*ARTICLE))
    repo.commit("first draft")
    return path


def edit(path: str, replacements: dict[int, str | None], appended: tuple[str, ...] = ()) -> None:
    """Rewrite lines of ARTICLE by 1-based number (None deletes) and append some."""
    rows = [replacements.get(number, row) for number, row in enumerate(ARTICLE, start=1)]
    Path(path).write_bytes(lines(*[r for r in rows if r is not None], *appended).encode())


# Added and edited lines


def test_an_unchanged_file_has_no_changed_lines(article):
    assert changed_lines(article, "HEAD") == frozenset()


def test_lines_edited_in_the_middle_are_changed(article):
    edit(
        article,
        {
            2: "A former Syrian defence minister has defected, two officials told Reuters.",
            4: "Activists said he had fled to Turkey.",
        },
    )
    assert changed_lines(article, "HEAD") == frozenset({2, 4})


def test_appended_lines_are_changed(article):
    edit(article, {}, appended=("A spokesman for the ministry declined to comment.", ""))
    assert changed_lines(article, "HEAD") == frozenset({6, 7})


def test_a_line_that_only_moved_down_is_not_changed(article):
    edit(article, {1: ARTICLE[0] + "\nBy a staff reporter"})
    assert changed_lines(article, "HEAD") == frozenset({2})


def test_a_last_line_without_a_newline_is_one_line(repo):
    path = repo.write("habib.txt", lines(*ARTICLE[:3]))
    repo.commit()
    Path(path).write_bytes(lines(*ARTICLE[:3]).rstrip("\n").encode() + b" Officials said.")
    assert changed_lines(path, "HEAD") == frozenset({3})


# Deletions


def test_a_deletion_marks_the_lines_either_side(article):
    edit(article, {3: None})
    # Old line 3 of 5 deleted: new line 2 stands before the gap, new line 3 after it.
    assert changed_lines(article, "HEAD") == frozenset({2, 3})


def test_deleting_the_first_line_marks_the_new_first_line(article):
    edit(article, {1: None})
    assert changed_lines(article, "HEAD") == frozenset({1})


def test_deleting_the_last_line_marks_the_new_last_line(article):
    edit(article, {5: None})
    assert changed_lines(article, "HEAD") == frozenset({4})


def test_deleting_every_line_leaves_no_line_to_mark(article):
    Path(article).write_bytes(b"")
    assert changed_lines(article, "HEAD") == frozenset()


# Files git does not know at the ref


def test_an_untracked_file_is_changed_everywhere(repo, article):
    path = repo.write("drafts/rewrite.txt", lines(*ARTICLE[:3]))
    assert changed_lines(path, "HEAD") == frozenset({1, 2, 3})


def test_an_ignored_file_is_changed_everywhere(repo, article):
    repo.write(".gitignore", "*.draft\n")
    repo.commit()
    path = repo.write("habib.draft", lines(*ARTICLE[:2]))
    assert changed_lines(path, "HEAD") == frozenset({1, 2})


def test_a_file_removed_from_the_index_is_changed_everywhere(repo, article):
    repo.git("rm", "--cached", "--quiet", "habib.txt")
    assert changed_lines(article, "HEAD") == frozenset({1, 2, 3, 4, 5})


def test_a_file_added_since_the_ref_is_changed_everywhere(repo, article):
    path = repo.write("rewrite.md", lines("# Habib defects", "", ARTICLE[1]))
    repo.commit("rewrite")
    assert changed_lines(path, "HEAD~1") == frozenset({1, 2, 3})
    assert changed_lines(path, "HEAD") == frozenset()


def test_a_staged_new_file_is_changed_everywhere(repo, article):
    path = repo.write("rewrite.md", lines("# Habib defects", "", ARTICLE[1]))
    repo.git("add", "rewrite.md")
    assert changed_lines(path, "HEAD") == frozenset({1, 2, 3})


def test_an_untracked_empty_file_has_no_lines(repo, article):
    assert changed_lines(repo.write("empty.txt", ""), "HEAD") == frozenset()


# Refs


def test_the_ref_can_be_a_sha_or_a_relative_ref(repo, article):
    first = repo.git("rev-parse", "HEAD")
    edit(article, {2: "A former defence minister has defected."})
    repo.commit("second")
    edit(article, {2: "A former defence minister has defected.", 5: "State TV denied it."})
    assert changed_lines(article, first) == frozenset({2, 5})
    assert changed_lines(article, first[:10]) == frozenset({2, 5})
    assert changed_lines(article, "HEAD~1") == frozenset({2, 5})
    assert changed_lines(article, "HEAD") == frozenset({5})
    assert changed_lines(article, "main") == frozenset({5})


def test_three_dots_diff_from_where_the_branch_left_the_ref(repo, article):
    repo.git("switch", "--quiet", "--create", "feature")
    edit(article, {2: "A former defence minister has defected, officials said."})
    repo.commit("feature edit")
    repo.git("switch", "--quiet", "main")
    edit(article, {4: "Activists said he had fled to Turkey."})
    repo.commit("main moves on")
    repo.git("switch", "--quiet", "feature")
    # Line 4 differs from main only because main changed it; this branch did not.
    assert changed_lines(article, "main") == frozenset({2, 4})
    assert changed_lines(article, "main...") == frozenset({2})


def test_an_unknown_ref_is_a_scorer_error(article):
    with pytest.raises(ScorerError) as caught:
        changed_lines(article, "nope")
    assert str(caught.value) == f"{article}: unknown git ref 'nope'"


def test_a_ref_that_looks_like_an_option_is_only_a_ref(repo, article):
    with pytest.raises(ScorerError) as caught:
        changed_lines(article, "--output=stolen")
    assert str(caught.value) == f"{article}: unknown git ref '--output=stolen'"
    assert not (repo.root / "stolen").exists()


def test_before_the_first_commit_every_file_is_new_against_head(repo):
    path = repo.write("habib.txt", lines(*ARTICLE))
    repo.git("add", "habib.txt")
    first = gitdiff.Change("new", frozenset({1, 2, 3, 4, 5}), "HEAD (no commit yet)")
    assert GitDiff("HEAD").change(path) == first
    assert GitDiff("HEAD...").change(path).status == "new"
    assert GitDiff("HEAD", staged=True).change(path).status == "new"
    assert GitDiff("HEAD").base_text(path) is None


def test_another_ref_in_a_repository_with_no_commits_is_unknown(repo):
    path = repo.write("habib.txt", lines(*ARTICLE))
    with pytest.raises(ScorerError) as caught:
        changed_lines(path, "main")
    assert str(caught.value) == f"{path}: unknown git ref 'main'"


def test_a_file_is_new_changed_or_unchanged_since_the_ref(repo, article):
    old = repo.write("old.txt", lines(*ARTICLE))
    repo.commit("another draft")
    edit(article, {2: "A former Syrian defence minister has defected."})
    added = repo.write("added.txt", lines(*ARTICLE))
    repo.git("add", "added.txt")
    untracked = repo.write("untracked.txt", lines(*ARTICLE))
    diff = GitDiff("HEAD")
    assert diff.change(article) == gitdiff.Change("changed", frozenset({2}))
    assert diff.change(old) == gitdiff.Change("unchanged", frozenset())
    assert diff.change(added).status == "new"
    assert diff.change(untracked).status == "new"
    assert diff.base_text(article) == lines(*ARTICLE).encode()
    assert diff.base_text(added) is None


def test_staged_judges_the_commit_and_a_file_it_does_not_change_whole(repo, article):
    other = repo.write("other.txt", lines(*ARTICLE))
    repo.commit("another draft")
    nothing = GitDiff("HEAD", staged=True)
    assert nothing.change(article) == gitdiff.Change("whole", frozenset({1, 2, 3, 4, 5}))
    assert nothing.name == "HEAD"
    edit(article, {4: "Activists said he had fled."})
    repo.git("add", "habib.txt")
    staged = GitDiff("HEAD", staged=True)
    assert staged.change(article) == gitdiff.Change("changed", frozenset({4}))
    # not in the commit (as under `pre-commit run --all-files`): judged whole
    assert staged.change(other).status == "whole"
    edit(other, {2: "An edit nobody staged."})
    assert staged.change(other).status == "whole"


def test_unrelated_histories_have_no_merge_base(repo, article):
    repo.git("switch", "--quiet", "--orphan", "other")
    repo.commit("unrelated")
    repo.git("switch", "--quiet", "main")
    with pytest.raises(ScorerError) as caught:
        changed_lines(article, "other...")
    assert str(caught.value) == (
        f"{article}: git ref 'other' and HEAD have no common ancestor (in a shallow clone, fetch "
        "more history)"
    )


def test_one_git_diff_resolves_the_ref_once_per_directory(repo, article, monkeypatch):
    other = repo.write("rewrite.txt", lines(*ARTICLE[:2]))
    repo.commit()
    edit(article, {5: "State TV denied it."})
    calls: list[str] = []
    run = subprocess.run

    def counting(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        calls.append(next(arg for arg in argv[1:] if not arg.startswith(("-", "core.", "diff."))))
        return run(argv, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(gitdiff.subprocess, "run", counting)
    diff = GitDiff("HEAD")
    assert diff.changed_lines(article) == frozenset({5})
    assert diff.changed_lines(other) == frozenset()
    assert calls == ["rev-parse", "diff", "diff", "ls-files"]


# Where git runs, and how


def test_a_file_outside_any_repository_is_a_scorer_error(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    path = tmp_path / "loose.txt"
    path.write_text(lines(*ARTICLE))
    with pytest.raises(ScorerError) as caught:
        changed_lines(str(path), "HEAD")
    assert str(caught.value) == f"{path}: not inside a git repository"


def test_git_not_installed_is_a_scorer_error(article, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    with pytest.raises(ScorerError) as caught:
        changed_lines(article, "HEAD")
    assert str(caught.value) == f"{article}: git is not installed (no `git` on PATH)"


def test_a_missing_file_is_a_scorer_error(repo, article):
    path = str(repo.root / "gone.txt")
    with pytest.raises(ScorerError) as caught:
        changed_lines(path, "HEAD")
    assert str(caught.value) == f"{path}: no such file"


def test_the_repository_is_found_from_the_file_not_the_working_directory(
    repo, article, tmp_path, monkeypatch
):
    elsewhere = Repo(tmp_path / "elsewhere")
    elsewhere.write("habib.txt", "Another story entirely.\n")
    elsewhere.commit()
    edit(article, {3: "If confirmed, Habib would be the most senior Alawite to defect."})
    monkeypatch.chdir(elsewhere.root)
    # As inside a git hook of the other repository.
    monkeypatch.setenv("GIT_DIR", str(elsewhere.root / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(elsewhere.root / ".git" / "index"))
    assert changed_lines(os.path.relpath(article), "HEAD") == frozenset({3})


def test_a_path_with_spaces_and_non_ascii_letters(repo, article):
    repo.git("config", "core.quotePath", "true")
    path = repo.write("mes articles/Défection – brouillon été.md", lines(*ARTICLE))
    repo.commit()
    edit(path, {2: "Un ancien ministre syrien de la Défense aurait fait défection."})
    assert changed_lines(path, "HEAD") == frozenset({2})


def test_a_file_name_is_never_a_pattern(repo, article):
    star = repo.write("*.txt", lines(*ARTICLE))
    repo.commit()
    edit(article, {1: "Habib defects"})
    # As a pathspec `*.txt` would match habib.txt and report its line 1.
    assert changed_lines(star, "HEAD") == frozenset()
    assert changed_lines(article, "HEAD") == frozenset({1})


def test_user_diff_settings_do_not_change_the_answer(repo, article, monkeypatch):
    repo.git("config", "diff.interHunkContext", "10")
    repo.git("config", "diff.noprefix", "true")
    repo.git("config", "diff.external", "false")
    repo.git("config", "color.diff", "always")
    monkeypatch.setenv("GIT_DIFF_OPTS", "--unified=3")
    monkeypatch.setenv("GIT_EXTERNAL_DIFF", "false")
    edit(article, {1: "Habib defects", 5: "State TV denied it."})
    assert changed_lines(article, "HEAD") == frozenset({1, 5})


# Line ends and encodings


def test_a_crlf_file_numbers_lines_as_scorer_does(repo):
    path = repo.write("habib.txt", lines(*ARTICLE, end="\r\n"))
    repo.commit()
    rows = list(ARTICLE)
    rows[2] = "If confirmed, Habib would be the most senior Alawite to defect."
    Path(path).write_bytes(lines(*rows, end="\r\n").encode())
    assert changed_lines(path, "HEAD") == frozenset({3})


def test_a_bare_cr_splits_a_git_line_into_scorer_lines(repo):
    # Scorer lines: 1 headline, 2 "Activists said." 3 "He fled." 4 "State TV denied it."
    path = repo.write(
        "habib.txt", "Habib defects\nActivists said.\rHe fled.\nState TV denied it.\n"
    )
    repo.commit()
    Path(path).write_bytes(
        b"Habib defects\nActivists said.\rHe fled on Tuesday.\nState TV denied it.\n"
    )
    assert changed_lines(path, "HEAD") == frozenset({2, 3})
    doc = load(path)
    assert doc.line_col(doc.text.index("He fled on Tuesday")) == (3, 1)
    Path(path).write_bytes(
        b"Habib defects\nActivists said.\rHe fled.\nState TV denied the report.\n"
    )
    assert changed_lines(path, "HEAD") == frozenset({4})


def test_a_file_with_only_cr_line_ends_is_changed_everywhere_or_nowhere(repo):
    path = repo.write("habib.txt", lines(*ARTICLE[:3], end="\r"))
    repo.commit()
    assert changed_lines(path, "HEAD") == frozenset()
    Path(path).write_bytes(lines(*ARTICLE[:2], "Officials said.", end="\r").encode())
    assert changed_lines(path, "HEAD") == frozenset({1, 2, 3})


def test_a_utf16_file_git_calls_binary_is_changed_everywhere_or_nowhere(repo):
    path = repo.root / "habib.txt"
    path.write_bytes(lines(*ARTICLE[:3]).encode("utf-16"))
    repo.commit()
    assert changed_lines(str(path), "HEAD") == frozenset()
    path.write_bytes(lines(*ARTICLE[:2], "Officials said.").encode("utf-16"))
    assert changed_lines(str(path), "HEAD") == frozenset({1, 2, 3})


def test_a_binary_file_that_changed_raises_the_loaders_error(repo):
    path = repo.root / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n\x00\x01")
    repo.commit()
    assert changed_lines(str(path), "HEAD") == frozenset()
    path.write_bytes(b"%PDF-1.5\n\x00\x02")
    with pytest.raises(ScorerError) as caught:
        changed_lines(str(path), "HEAD")
    assert str(caught.value) == (
        f"{path}: binary file (a PDF document); scorer reads text, Markdown or HTML"
    )


def test_a_symbolic_link_is_followed_to_the_article(repo, article):
    (repo.root / "latest.txt").symlink_to("habib.txt")
    repo.commit()
    edit(article, {4: "Activists said he had fled to Turkey."})
    # The link itself did not change; the article it points to did.
    assert changed_lines(str(repo.root / "latest.txt"), "HEAD") == frozenset({4})


def test_a_moved_file_is_judged_against_where_it_was(repo, article):
    repo.git("mv", "habib.txt", "archive.txt")
    moved = str(repo.root / "archive.txt")
    diff = GitDiff("HEAD")
    assert diff.change(moved) == gitdiff.Change("unchanged", frozenset(), "HEAD, as habib.txt")
    edit(moved, {4: "Activists said he had fled."})
    assert GitDiff("HEAD").change(moved) == gitdiff.Change(
        "changed", frozenset({4}), "HEAD, as habib.txt"
    )
    assert GitDiff("HEAD").base_text(moved) == lines(*ARTICLE).encode()


# HTML pages: findings are on the page's own lines (scorer.load.html_locate)

HABIB_PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "article_habib.html"


def _reported(path: str) -> list[tuple[str, int, bool | None]]:
    """The findings of signals that --diff HEAD reports for `path`: (rule, line, located)."""
    outcome = GitDiff("HEAD").diffed(Outcome(path, audit_document(load(path))))
    return [(f.rule, f.line, f.located) for f in outcome.reported if f.signal is not None]


def test_an_html_page_reports_only_the_findings_on_its_edited_line(repo):
    original = HABIB_PAGE.read_text(encoding="utf-8")
    path = repo.write("habib.html", original)
    repo.commit("the page as saved")
    assert _reported(path) == []
    # Line 69 of the page holds the "Rumours circulated" paragraph.
    edited = original.replace("peaceful protesters", "unarmed protesters")
    Path(path).write_text(edited, encoding="utf-8")
    assert changed_lines(path, "HEAD") == frozenset({69})
    assert _reported(path) == [("speculation", 69, True), ("unverified-claim", 69, True)]


def test_an_html_finding_not_found_in_the_page_is_reported_whenever_the_page_changed(repo):
    page = UNLOCATABLE_PAGE + "<!-- saved 4 September -->\n"
    path = repo.write("budget.html", page)
    repo.commit("the page as saved")
    assert _reported(path) == []
    Path(path).write_text(page.replace("4 September", "5 September"), encoding="utf-8")
    # Line 7 holds no finding; "reportedly" has no line of the page (a hidden word
    # trafilatura dropped kept its paragraph from being found), so it is reported.
    assert changed_lines(path, "HEAD") == frozenset({7})
    assert _reported(path) == [("reportedly-without-source", 5, False)]
