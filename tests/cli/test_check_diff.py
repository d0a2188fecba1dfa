"""`scorer check --diff` and `--staged` judge what a branch changed, in real throwaway repositories.

An old weak draft nobody touched must not block a pull request, a typo fix in it must pass, a
change that makes it worse must fail, and a new draft meets the bar like any file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli_check import INDEPENDENT, REWRITE, run
from tests.conftest import ROOT
from tests.runs.test_gitdiff import Repo

TYPO = ("demographics", "demograpics")  # line 11 of the rewrite seed


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """main: an old weak draft (with a typo on line 11) and a good one; then branch `feature`."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    repo = Repo(tmp_path / "newsroom")
    repo.write("drafts/old.txt", REWRITE.read_text(encoding="utf-8").replace(*TYPO[::-1]))
    repo.write("drafts/good.txt", INDEPENDENT.read_text(encoding="utf-8"))
    repo.commit("the desk's drafts")
    repo.git("switch", "--quiet", "-c", "feature")
    return repo


def check(repo: Repo, *args: str) -> tuple[int, list[str]]:
    result = run("check", "drafts/", *args, cwd=repo.root)
    assert not result.stderr, result.stderr
    return result.returncode, result.stdout.splitlines()


def fix_typo(repo: Repo) -> None:
    path = repo.root / "drafts/old.txt"
    path.write_text(path.read_text(encoding="utf-8").replace(*TYPO), encoding="utf-8")


def test_without_diff_the_old_weak_draft_fails_the_bar(newsroom):
    code, lines = check(newsroom, "--fail-under", "70")
    assert code == 1
    assert lines[-1] == (
        "drafts/old.txt: 15.5 / 100 poorly sourced, 24 findings: "
        "FAIL (score 15.5 is under 70; 2 findings of severity error)"
    )


def test_an_untouched_draft_is_not_gated_and_its_score_still_shows(newsroom):
    code, lines = check(newsroom, "--diff", "main...", "--fail-under", "70")
    assert code == 0
    assert lines == [
        "drafts/good.txt: 75.0 / 100 adequately sourced, 0 findings: "
        "ok (not gated, unchanged since main...)",
        "drafts/old.txt: 15.5 / 100 poorly sourced, 0 findings: "
        "ok (not gated, unchanged since main...)",
    ]


def test_a_typo_fix_in_an_old_weak_draft_passes(newsroom):
    fix_typo(newsroom)
    newsroom.commit("typo")
    code, lines = check(newsroom, "--diff", "main...", "--fail-under", "70")
    assert code == 0
    # The draft's errors, and the claim on the fixed line, were all there at the base.
    assert lines[-1] == (
        "drafts/old.txt: 15.5 / 100 poorly sourced, 0 new findings on changed lines: ok "
        "(changed since main...: gated on the findings it brought in on changed lines, and on "
        "its score only if it fell, and it did not (15.5 at main...))"
    )
    assert lines[-2].startswith("drafts/good.txt: 75.0 / 100 adequately sourced, 0 findings: ok")


def test_a_finding_on_a_changed_line_that_the_base_had_is_not_the_change_s(newsroom):
    path = newsroom.root / "drafts/old.txt"
    text = path.read_text(encoding="utf-8")
    # line 7 holds 'multiple sources' (anonymous, undescribed): reword around it
    path.write_text(
        text.replace("Syrian state media reported yesterday", "Syrian state media said on Tuesday"),
        encoding="utf-8",
    )
    newsroom.commit("reword")
    code, lines = check(newsroom, "--diff", "main...", "--fail-on", "warning")
    assert code == 0, lines
    assert lines[-1].startswith(
        "drafts/old.txt: 15.5 / 100 poorly sourced, 1 new finding on changed lines: ok"
    )
    # 'Syrian state media said' is new words for borrowed-reporting; the anonymous source is not
    assert lines[-2].startswith(
        "drafts/old.txt:7:1: info borrowed-reporting 'Syrian state media said'"
    )


def test_a_change_that_makes_a_weak_draft_worse_fails_on_its_score(newsroom):
    path = newsroom.root / "drafts/old.txt"
    rows = path.read_text(encoding="utf-8").split("\n")
    assert rows[14].endswith("Labwani said. “I am all for this roadmap.”")
    del rows[14]  # the one named, quoted source
    path.write_text("\n".join(rows), encoding="utf-8")
    newsroom.commit("cut the quote")
    code, lines = check(newsroom, "--diff", "main...", "--fail-under", "70")
    assert code == 1
    assert lines[-1] == (
        "drafts/old.txt: 10.5 / 100 poorly sourced, 1 new finding on changed lines: FAIL (score "
        "10.5 is under 70 and down from 15.5 at main...; changed since main...: gated on the "
        "findings it brought in on changed lines, and on its score only if it fell)"
    )
    # A whole-document finding the base did not have is the branch's own.
    assert (
        lines[-2]
        == "drafts/old.txt:3:1: warning no-direct-quote 417 words of copy and not one direct quote"
    )


def test_a_new_draft_is_gated_whole(newsroom):
    newsroom.write("drafts/new.txt", REWRITE.read_text(encoding="utf-8"))
    newsroom.commit("a new draft")
    code, lines = check(newsroom, "--diff", "main...", "--fail-under", "70")
    assert code == 1
    assert lines[-1] == (
        "drafts/old.txt: 15.5 / 100 poorly sourced, 0 findings: "
        "ok (not gated, unchanged since main...)"
    )
    assert (
        "drafts/new.txt: 15.5 / 100 poorly sourced, 24 findings: FAIL (score 15.5 is under 70; "
        "2 findings of severity error; new since main...: gated whole)"
    ) in lines


def test_the_merge_base_keeps_what_main_changed_since_out_of_the_branch(newsroom):
    newsroom.git("switch", "--quiet", "main")
    path = newsroom.root / "drafts/good.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA line main added later.\n")
    newsroom.commit("main moves on")
    newsroom.git("switch", "--quiet", "feature")
    _, three_dots = check(newsroom, "--diff", "main...")
    _, two_dots = check(newsroom, "--diff", "main")
    assert three_dots[0].endswith("ok (not gated, unchanged since main...)")
    assert "ok (not gated" not in two_dots[-2]  # two dots: main's own line counts as a change


def test_a_suppression_a_change_adds_is_listed_as_suppressed(newsroom):
    path = newsroom.root / "drafts/old.txt"
    rows = path.read_text(encoding="utf-8").split("\n")
    assert rows[5] == ""  # a blank line above the paragraph with "multiple sources" (line 7)
    rows[5] = "<!-- scorer: ignore anonymous-source-undescribed -- Reuters's own sources -->"
    path.write_text("\n".join(rows), encoding="utf-8")
    newsroom.commit("set one aside")
    code, lines = check(newsroom, "--diff", "main...")
    assert code == 0
    assert lines[-1].startswith(
        "drafts/old.txt: 18.5 / 100 poorly sourced, 0 new findings on changed lines (1 suppressed): ok"
    )
    result = run("check", "drafts/", "--diff", "main...", "-f", "json", cwd=newsroom.root)
    old = json.loads(result.stdout)[1]  # drafts/good.txt, drafts/old.txt
    assert [(f["rule"], f["line"], f["suppressed"]) for f in old["suppressed"]] == [
        ("anonymous-source-undescribed", 7, "Reuters's own sources")
    ]
    assert old["check"]["change"] == {"status": "changed", "base": "main...", "base_score": 15.5}


def test_thresholds_and_the_diff_base_come_from_the_config_and_the_command_line_wins(newsroom):
    newsroom.write(".scorer.toml", 'fail-under = 70\nfail-on = "none"\ndiff = "main..."\n')
    newsroom.write("drafts/new.txt", INDEPENDENT.read_text(encoding="utf-8"))
    code, lines = check(newsroom)
    assert code == 0  # 75 meets 70; the untouched drafts are not gated
    assert lines[-1] == (
        "drafts/old.txt: 15.5 / 100 poorly sourced, 0 findings: "
        "ok (not gated, unchanged since main...)"
    )
    assert "drafts/new.txt: 75.0 / 100 adequately sourced, " in lines[-2]
    assert lines[-2].endswith(": ok (new since main...: gated whole)")
    code, lines = check(newsroom, "--fail-under", "80")
    assert code == 1
    assert lines[-2].endswith("FAIL (score 75.0 is under 80; new since main...: gated whole)")
    code, lines = check(newsroom, "--no-diff")
    assert code == 1
    assert lines[-1].endswith("FAIL (score 15.5 is under 70)")
    audited = run("audit", "-f", "json", "drafts/old.txt", cwd=newsroom.root)
    findings = json.loads(audited.stdout)["findings"]
    assert len(findings) == 25  # 24 problems and a credit: the config's diff is check's


def test_one_run_writes_annotations_sarif_and_appends_the_summary(newsroom, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("## an earlier step\n", encoding="utf-8")
    sarif = tmp_path / "scorer.sarif"
    newsroom.write("drafts/new.txt", REWRITE.read_text(encoding="utf-8"))
    result = run(
        "check", "drafts/", "--diff", "main...", "-f", "github",
        "--sarif", str(sarif), "--summary", str(summary), cwd=newsroom.root,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=drafts/new.txt,title=scorer check failed::2 findings of severity error\n"
    )
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    located = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for res in log["runs"][0]["results"]
        for loc in res["locations"]
    }
    assert located == {"drafts/new.txt"}
    scores = {s["source"]: s for s in log["runs"][0]["properties"]["scores"]}
    assert scores["drafts/new.txt"]["gated"] == "new since main...: gated whole"
    assert scores["drafts/old.txt"]["notice"] == "not gated, unchanged since main..."
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## an earlier step\n### scorer: sourcing report\n")
    assert (
        "| `drafts/old.txt` | 15.5 | poorly sourced | 0 |  | pass (not gated, unchanged since main...) |"
        in text
    )


def test_an_output_that_is_an_input_is_refused_for_sarif_and_summary(newsroom):
    result = run("check", "drafts/", "--summary", "drafts/old.txt", cwd=newsroom.root)
    assert result.returncode == 2
    assert result.stderr == (
        "scorer: error: --summary drafts/old.txt is the article drafts/old.txt, an input of "
        "this run: nothing was written; choose another file\n"
    )


def test_staged_before_the_first_commit_judges_every_file_as_new(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    repo = Repo(tmp_path / "fresh")
    repo.write("drafts/first.txt", INDEPENDENT.read_text(encoding="utf-8"))
    repo.git("add", "--all")
    code, lines = check(repo, "--staged", "--fail-under", "60", "--fail-on", "none")
    assert code == 0
    assert lines[-1].endswith(": ok (new since HEAD (no commit yet): gated whole)")
    both = run("check", "drafts/", "--staged", "--diff", "HEAD", cwd=repo.root)
    assert both.returncode == 2
    assert both.stderr == "scorer: error: --staged and --diff both name a base; give one\n"


def test_staged_judges_a_file_the_commit_does_not_change_whole(newsroom):
    code, lines = check(newsroom, "--staged", "--fail-under", "70")
    assert code == 1
    assert lines[-1].endswith(
        "FAIL (score 15.5 is under 70; 2 findings of severity error; not changed by this "
        "commit: gated whole)"
    )
    fix_typo(newsroom)
    newsroom.git("add", "drafts/old.txt")
    # As on a commit, the hook is handed the files the commit changes.
    result = run("check", "drafts/old.txt", "--staged", "--fail-under", "70", cwd=newsroom.root)
    assert result.returncode == 0
    assert result.stdout.endswith("and it did not (15.5 at HEAD))\n")


def test_a_diff_ref_that_cannot_work_is_one_usage_error(newsroom):
    empty = run("check", "drafts/", "--diff", "", cwd=newsroom.root)
    assert (empty.returncode, empty.stderr) == (
        2,
        "scorer: error: --diff needs a git ref, e.g. origin/main...\n",
    )
    two = run("check", "drafts/", "--diff", "main..", cwd=newsroom.root)
    assert (two.returncode, two.stderr) == (
        2,
        "scorer: error: --diff main..: write main... (three dots: the merge base, what the "
        "branch changed) or main (its tip)\n",
    )


def test_an_unknown_ref_from_the_config_says_where_it_came_from(newsroom):
    config = newsroom.write(".scorer.toml", 'diff = "origin/main..."\n')
    result = run("check", "drafts/good.txt", cwd=newsroom.root)
    assert result.returncode == 2
    assert result.stderr == (
        "scorer: error: drafts/good.txt: unknown git ref 'origin/main' (the `diff` of "
        f"{config}; --no-diff checks every line)\n"
    )
    assert run("check", "drafts/good.txt", "--no-diff", cwd=newsroom.root).returncode == 1


def test_an_html_draft_answers_for_the_findings_its_change_brought_in(newsroom):
    page = (ROOT / "tests/fixtures/article_habib.html").read_text(encoding="utf-8")
    path = newsroom.write("drafts/page.html", page)
    newsroom.commit("a saved page")
    before = run("check", "drafts/page.html", cwd=newsroom.root)
    assert before.returncode == 1  # the page has an error finding of its own
    Path(path).write_text(page.replace("in the dead of night", "late at night"), encoding="utf-8")
    newsroom.commit("a one-phrase edit")
    result = run("check", "drafts/page.html", "--diff", "HEAD~1", cwd=newsroom.root)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("drafts/page.html: ")
    assert ", 0 new findings on changed lines: ok (changed since HEAD~1:" in result.stdout
