"""`scorer check` and the machine formats, driven through the real command line.

Exit codes: 0 every file passed, 1 a file failed its check, 2 a usage error or a file that
could not be read; never a count of findings.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import INDEPENDENT, REWRITE, on_a_terminal

ROOT = INDEPENDENT.parent.parent


def run(
    *args: str,
    cwd: Path = ROOT,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The command in a clean environment: 100 columns unless `env` says otherwise."""
    return subprocess.run(
        [sys.executable, "-m", "scorer", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", **({"COLUMNS": "100"} if env is None else env)},
    )


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    """A folder with both seeds (one in a subfolder), a note that is not an article, and a hidden one."""
    (tmp_path / "wire").mkdir()
    shutil.copy(INDEPENDENT, tmp_path / "independent.txt")
    shutil.copy(REWRITE, tmp_path / "wire" / "rewrite.txt")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not an article")
    (tmp_path / ".hidden").mkdir()
    shutil.copy(REWRITE, tmp_path / ".hidden" / "rewrite.txt")
    return tmp_path


# concise lines and exit codes


def test_check_prints_a_line_per_problem_and_a_score_line_and_fails_on_an_error_finding():
    result = run("check", "examples/habib-defection-rewrite.txt")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 25
    assert lines[0] == (
        "examples/habib-defection-rewrite.txt:1:1: warning anonymous-heavy "
        "2 anonymous, 0 vague and 3 agentless of 9 attributions"
    )
    assert (
        "examples/habib-defection-rewrite.txt:7:67: warning anonymous-source-undescribed "
        "'multiple sources' is anonymous, with no agency, side or role given"
    ) in lines
    assert lines[-1] == (
        "examples/habib-defection-rewrite.txt: 15.5 / 100 poorly sourced, 24 findings: "
        "FAIL (2 findings of severity error)"
    )
    assert result.stderr == ""


def test_credit_findings_are_never_problems_and_never_fail_a_check():
    result = run("check", "--fail-on", "info", "examples/independent-habib-defection.txt")
    assert "direct-quotes" not in result.stdout
    assert "many-named-sources" not in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "examples/independent-habib-defection.txt: 75.0 / 100 adequately sourced, 13 findings: "
        "FAIL (13 findings of severity info or worse)"
    )


@pytest.mark.parametrize(
    ("args", "code", "verdict"),
    [
        (["--fail-on", "none"], 0, "ok"),
        (["--fail-on", "none", "--fail-under", "75"], 0, "ok"),
        (["--fail-on", "none", "--fail-under", "75.1"], 1, "FAIL (score 75.0 is under 75.1)"),
        (["--fail-under", "80"], 1, "FAIL (score 75.0 is under 80; 1 finding of severity error)"),
    ],
)
def test_fail_under_and_fail_on_decide_the_exit_code(args: list[str], code: int, verdict: str):
    result = run("check", *args, "examples/independent-habib-defection.txt")
    assert result.returncode == code
    assert result.stdout.splitlines()[-1] == (
        f"examples/independent-habib-defection.txt: 75.0 / 100 adequately sourced, 13 findings: {verdict}"
    )


def test_an_unreadable_file_is_exit_2_and_the_others_are_still_checked(tmp_path: Path):
    result = run(
        "check",
        "--fail-on",
        "none",
        str(tmp_path / "gone.txt"),
        "examples/independent-habib-defection.txt",
    )
    assert result.returncode == 2
    assert result.stderr == f"scorer: error: {tmp_path / 'gone.txt'}: no such file\n"
    assert result.stdout.splitlines()[-1].endswith("75.0 / 100 adequately sourced, 13 findings: ok")


def test_exit_2_beats_exit_1_and_usage_errors_are_2(tmp_path: Path):
    assert (
        run("check", str(tmp_path / "gone.txt"), "examples/habib-defection-rewrite.txt").returncode
        == 2
    )
    assert run("check", "--fail-under", "101", "examples").returncode == 2
    assert run("check", "--fail-on", "fatal", "examples").returncode == 2
    assert run("check", "--format", "xml", "examples").returncode == 2
    assert run("check").returncode == 2


def test_many_findings_never_wrap_the_exit_code(tmp_path: Path):
    # 300 unattributed claims and vague attributions: far more than 255 findings.
    article = tmp_path / "long.txt"
    body = "\n\n".join(
        f"Critics say the plan will cost {n} million dollars by 2030." for n in range(300)
    )
    article.write_text("Plan faces critics\n\n" + body + "\n")
    result = run("check", "--fail-on", "info", str(article))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) > 300


# several files: directories, globs, jobs


def test_a_directory_is_searched_for_articles_skipping_hidden_folders_and_other_files(drafts: Path):
    result = run("check", "--fail-on", "none", ".", cwd=drafts)
    assert result.returncode == 0, result.stderr
    score_lines = [line for line in result.stdout.splitlines() if ": " in line and "/ 100" in line]
    assert score_lines == [
        "./independent.txt: 75.0 / 100 adequately sourced, 13 findings: ok",
        "./wire/rewrite.txt: 15.5 / 100 poorly sourced, 24 findings: ok",
    ]


def test_globs_expand_and_a_glob_or_directory_that_finds_nothing_is_an_error(drafts: Path):
    result = run("check", "--fail-on", "none", "**/*.txt", "*.html", "wire/*.txt", cwd=drafts)
    assert result.returncode == 2
    assert result.stderr == (
        "scorer: error: *.html: no files match (.htm, .html, .markdown, .md, .mdown, .mkd, .text, .txt, .xhtml)\n"
    )
    assert result.stdout.count("wire/rewrite.txt: 15.5 / 100") == 1  # named twice, checked once
    assert result.stdout.count("independent.txt: 75.0 / 100") == 1  # hidden folders: no


def test_jobs_do_not_change_the_output(drafts: Path):
    one = run("check", "-f", "json", "--fail-on", "none", ".", cwd=drafts)
    two = run("check", "-f", "json", "--fail-on", "none", "--jobs", "2", ".", cwd=drafts)
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert [item["score"] for item in json.loads(two.stdout)] == [75.0, 15.5]


# json


def test_json_is_one_object_for_one_file_and_a_list_for_several(tmp_path: Path):
    one = run("audit", "-f", "json", "examples/independent-habib-defection.txt")
    data = json.loads(one.stdout)
    assert isinstance(data, dict)
    assert (data["version"], data["score"], data["label"]) == ("0.1.0", 75.0, "adequately sourced")
    assert data["readability"]["flesch_reading_ease"] == 50.7
    assert len(data["findings"]) == 18  # credits included: JSON is the whole audit
    several = run(
        "audit", "-f", "json", "examples/independent-habib-defection.txt", str(tmp_path / "x.txt")
    )
    assert several.returncode == 2
    items = json.loads(several.stdout)
    assert [item.get("score") for item in items] == [75.0, None]
    assert items[1] == {
        "source": str(tmp_path / "x.txt"),
        "error": f"{tmp_path / 'x.txt'}: no such file",
    }


def test_json_equals_the_python_api(tmp_path: Path):
    import scorer

    result = run(
        "audit", "-f", "json", "--engine", "python", "examples/habib-defection-rewrite.txt"
    )
    expected = scorer.audit_file(str(REWRITE), config={"engine": "python"}).to_dict()
    expected["document"]["source"] = "examples/habib-defection-rewrite.txt"
    assert json.loads(result.stdout) == expected


def test_output_writes_the_report_to_a_file(tmp_path: Path):
    out = tmp_path / "report.json"
    result = run("check", "-f", "json", "-o", str(out), "examples/independent-habib-defection.txt")
    assert result.returncode == 1
    assert result.stdout == ""
    assert json.loads(out.read_text())["score"] == 75.0
    bad = run("check", "-o", str(tmp_path / "no" / "such" / "dir.txt"), "examples")
    assert bad.returncode == 2
    assert "cannot write the report" in bad.stderr


# github

_COMMAND = re.compile(
    r"^::(error|warning|notice)( (file|line|col|endLine|endColumn|title)=[^,:\n]*"
    r"(,(file|line|col|endLine|endColumn|title)=[^,:\n]*)*)?::[^\n\r]*$"
)


def test_github_lines_are_workflow_commands_failures_and_scores_first():
    result = run(
        "check", "-f", "github", "--fail-under", "50", "examples/habib-defection-rewrite.txt"
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    commands = [line for line in lines if _COMMAND.match(line)]
    # 24 findings: the 6 info findings that cost nothing are log lines, not annotations
    assert len(commands) == 1 + 1 + 18  # the failure, the score notice, findings
    assert lines[:2] == [
        "::error file=examples/habib-defection-rewrite.txt,title=scorer check failed::score 15.5 is under 50; 2 findings of severity error",
        "::notice file=examples/habib-defection-rewrite.txt,title=scorer score::15.5 / 100 poorly sourced; 24 findings",
    ]
    assert lines[20:] == [
        "examples/habib-defection-rewrite.txt:5:1: info unattributed-claim 'General Ali Habib was appointed defense minister in 2009.': a checkable claim with no source in this or the neighbouring sentence",
        "examples/habib-defection-rewrite.txt:9:1: info unattributed-claim 'There have been a lot of defections from the Syrian government in …': a checkable claim with no source in this or the neighbouring sentence",
        "examples/habib-defection-rewrite.txt:9:132: info unattributed-claim 'First of all, he’s one of the highest-level members of the Assad …': a checkable claim with no source in this or the neighbouring sentence",
        "examples/habib-defection-rewrite.txt:9:223: info unattributed-claim 'More importantly, while most other defectors have been Sunni Muslims, Habib is …': a checkable claim with no source in this or the neighbouring sentence",
        "examples/habib-defection-rewrite.txt:11:88: info unattributed-claim 'The country is majority Sunni; Alawites, who belong to an offshoot of …': a checkable claim with no source in this or the neighbouring sentence",
        "examples/habib-defection-rewrite.txt:13:170: info loaded-attribution-verb 'thinks' judges the statement; 'said' reports it",
    ]
    asked = run(
        "check", "-f", "github", "--annotate-info", "--annotations", "30",
        "examples/habib-defection-rewrite.txt",
    ).stdout.splitlines()  # fmt: skip
    assert all(_COMMAND.match(line) for line in asked)
    assert len(asked) == 1 + 1 + 24  # the failure, the score notice, every finding
    assert (
        "::warning file=examples/habib-defection-rewrite.txt,line=7,col=67,endLine=7,"
        "endColumn=87,title=anonymous-source-undescribed::"
        "'multiple sources' is anonymous, with no agency, side or role given"
    ) in lines


def test_github_annotations_keep_to_a_budget_a_level_and_count_the_rest():
    result = run(
        "check", "-f", "github", "--annotations", "3",
        "examples/habib-defection-rewrite.txt", "examples/independent-habib-defection.txt",
    )  # fmt: skip
    commands = [line for line in result.stdout.splitlines() if _COMMAND.match(line)]
    levels = [line.split(" ", 1)[0] for line in commands]
    assert levels.count("::error") == 3
    assert levels.count("::warning") == 3
    assert levels.count("::notice") == 3  # two score lines and the count of the rest
    assert commands[:4] == [
        "::error file=examples/habib-defection-rewrite.txt,title=scorer check failed::2 findings of severity error",
        "::error file=examples/independent-habib-defection.txt,title=scorer check failed::1 finding of severity error",
        "::notice file=examples/habib-defection-rewrite.txt,title=scorer score::15.5 / 100 poorly sourced; 24 findings",
        "::notice file=examples/independent-habib-defection.txt,title=scorer score::75.0 / 100 adequately sourced; 13 findings",
    ]
    assert commands[-1] == (
        "::notice title=scorer%3A more findings than annotations::2 errors, 12 warnings, 11 notices "
        "not annotated (at most 3 of each level; GitHub shows 10 a step): they are in this step's "
        "log, the SARIF report and the job summary"
    )
    logged = [line for line in result.stdout.splitlines() if not _COMMAND.match(line)]
    assert len(logged) == 2 + 12 + 11 + 8  # the rest, and the 0-point info findings


def test_github_escapes_what_would_break_a_workflow_command():
    from scorer.render.github import _command

    assert _command("warning", {"file": "a,b:c.md", "title": "r"}, "50% off\nnext\r") == (
        "::warning file=a%2Cb%3Ac.md,title=r::50%25 off%0Anext%0D"
    )


# markdown


def test_markdown_is_a_table_and_a_collapsed_list_per_file():
    result = run(
        "check",
        "-f",
        "markdown",
        "--fail-on",
        "none",
        "examples/independent-habib-defection.txt",
        "examples/habib-defection-rewrite.txt",
    )
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "### scorer: sourcing report",
        "",
        "| file | score | label | findings | worst finding | check |",
        "|---|---:|---|---:|---|---|",
        "| `examples/independent-habib-defection.txt` | 75.0 | adequately sourced | 13 | error `headline-overstates` (line 1) | pass |",
        "| `examples/habib-defection-rewrite.txt` | 15.5 | poorly sourced | 24 | error `headline-overstates` (line 1) | pass |",
    ]
    assert lines.count("</details>") == 2
    assert (
        "| 7:67 | warning | `anonymous-source-undescribed` | 'multiple sources' is anonymous, with no agency, side or role given | -3 |"
        in lines
    )


# --diff


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_diff_reports_only_findings_on_changed_lines_but_scores_the_whole_file(tmp_path: Path):
    article = tmp_path / "story.txt"
    article.write_text(REWRITE.read_text())
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "story.txt")
    _git(tmp_path, "commit", "-qm", "first draft")
    lines = article.read_text().split("\n")
    lines[6] += " Opposition sources said he had been paid."  # line 7: a new anonymous source
    article.write_text("\n".join(lines))
    result = run("check", "--diff", "HEAD", "--fail-on", "warning", str(article))
    assert result.returncode == 1, result.stderr
    out = result.stdout.splitlines()
    # Only the new source's findings: line 7's 'multiple sources', and the whole-document
    # findings pinned to lines 1 and 3, were all there at HEAD.
    assert out[:-1] == [
        f"{article}:7:227: info anonymous-source-no-knowledge the copy does not say how 'Opposition sources' knows",
        f"{article}:7:227: warning anonymous-source-no-reason the copy does not say why 'Opposition sources' is not named",
    ]
    assert out[-1] == (
        f"{article}: 15.5 / 100 poorly sourced, 2 new findings on changed lines: FAIL (1 new "
        "finding on changed lines of severity warning or worse; changed since HEAD: gated on the "
        "findings it brought in on changed lines, and on its score only if it fell)"
    )
    unchanged = run("check", "--diff", "HEAD~0", "--fail-on", "info", str(tmp_path / "story.txt"))
    assert unchanged.returncode == 1  # still the edited file: HEAD~0 is HEAD
    bad = run("check", "--diff", "no-such-ref", str(article))
    assert bad.returncode == 2
    assert bad.stderr == f"scorer: error: {article}: unknown git ref 'no-such-ref'\n"


# the report formats on the command line


def test_plain_has_no_escape_codes_even_when_colour_is_forced():
    result = run(
        "audit", "-f", "plain", "examples/independent-habib-defection.txt", env={"FORCE_COLOR": "1"}
    )
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80  # no COLUMNS: 80


def test_rich_to_a_pipe_is_plain_unless_colour_is_forced_and_no_color_wins():
    piped = run("audit", "examples/independent-habib-defection.txt", env={})
    assert "\x1b" not in piped.stdout
    assert "75.0 / 100  adequately sourced" in piped.stdout
    forced = run("audit", "examples/independent-habib-defection.txt", env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    unpadded = "".join(line.rstrip() + "\n" for line in squeeze_escapes(forced.stdout).splitlines())
    assert unpadded == piped.stdout
    muted = run(
        "audit",
        "examples/independent-habib-defection.txt",
        env={"FORCE_COLOR": "1", "NO_COLOR": "1"},
    )
    assert "\x1b" not in muted.stdout  # NO_COLOR: plain text, not just colourless styles
    assert muted.stdout == piped.stdout


def squeeze_escapes(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


def test_width_and_no_text():
    wide = run("audit", "-f", "plain", "--width", "120", "examples/habib-defection-rewrite.txt")
    assert max(len(line) for line in wide.stdout.splitlines()) == 120
    short = run("audit", "-f", "plain", "--no-text", "examples/habib-defection-rewrite.txt")
    assert "Article" not in short.stdout
    assert "Highlights:" not in short.stdout
    assert "Findings: 24 problems (2 errors, 10 warnings, 12 info) and 1 credit" in short.stdout
    assert run("audit", "--width", "10", "examples").returncode == 2


def test_html_and_svg_are_self_contained_pages():
    page = run("audit", "-f", "html", "examples/independent-habib-defection.txt")
    assert page.stdout.startswith("<!DOCTYPE html>")
    assert (
        "<title>scorer: Syria crisis: General deserts Damascus and flees to Turkey</title>"
        in page.stdout
    )
    assert "http" not in page.stdout
    svg = run("audit", "-f", "svg", "examples/independent-habib-defection.txt")
    assert svg.stdout.startswith('<svg class="rich-terminal"')
    assert re.findall(r"https?://[^\s\"']+", svg.stdout) == ["http://www.w3.org/2000/svg"]
    assert "@font-face" not in svg.stdout


def test_several_files_end_with_a_summary_table_with_a_row_for_an_unreadable_one():
    result = run("audit", "-f", "plain", "--width", "100", "--no-text", "examples/", "nope.md")
    assert result.returncode == 2
    assert result.stdout.splitlines()[-9:] == [
        "Summary",
        " file                                     score                      problems   worst problem",
        "─" * 100,
        " examples/habib-defection-rewrite.txt     15.5 poorly sourced              24   headline-overstates",
        "                                                                                error 1:1",
        " examples/independent-habib-defection.t   75.0 adequately sourced          13   headline-overstates",
        " xt                                                                             error 1:1",
        " nope.md                                  error                             -   no such file",
        "3 files: 2 audited, 1 not audited",
    ]


def test_sarif_from_the_command_line_validates_against_the_schema(tmp_path: Path):
    import jsonschema

    schema = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())
    out = tmp_path / "scorer.sarif"
    result = run("check", "-f", "sarif", "-o", str(out), "examples/", str(tmp_path / "gone.md"))
    assert result.returncode == 2
    log = json.loads(out.read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    (run_,) = log["runs"]
    assert len(run_["results"]) == 13 + 24
    assert run_["invocations"][0]["executionSuccessful"] is False


# inline suppression on the command line


def _draft(tmp_path: Path) -> Path:
    """The rewrite seed with two directives on what were blank lines (line:col unchanged)."""
    lines = REWRITE.read_text(encoding="utf-8").split("\n")
    lines[5] = "<!-- scorer: ignore anonymous-source-undescribed -- Reuters's sources -->"
    lines[7] = "<!-- scorer: ignore speculation -->"
    draft = tmp_path / "draft.txt"
    draft.write_text("\n".join(lines), encoding="utf-8")
    return draft


def test_a_suppressed_finding_is_counted_and_a_directive_without_reason_is_a_notice(tmp_path: Path):
    draft = _draft(tmp_path)
    result = run("check", "--fail-on", "warning", str(draft))
    lines = result.stdout.splitlines()
    assert (
        f"{draft}:7:67: suppressed anonymous-source-undescribed 'multiple sources' is anonymous, "
        "with no agency, side or role given (set aside: Reuters's sources)"
    ) in lines
    assert (
        f"{draft}:7:67: warning anonymous-source-no-reason the copy does not say why 'multiple sources' is not named"
        in lines
    )
    assert lines[-2:] == [
        f"{draft}:8:1: notice directive `scorer: ignore` needs a reason after ` -- `; it has no effect",
        f"{draft}: 18.5 / 100 poorly sourced, 23 findings (1 suppressed): FAIL (11 findings of severity warning or worse)",
    ]
    github = run("check", "-f", "github", str(draft)).stdout.splitlines()
    assert (
        f"::notice file={draft},line=8,col=1,title=scorer directive::`scorer: ignore` needs a reason after ` -- `; it has no effect"
        in github
    )
    assert (
        f"::notice file={draft},title=scorer score::18.5 / 100 poorly sourced; 23 findings, 1 suppressed"
        in github
    )
    data = json.loads(run("check", "-f", "json", str(draft)).stdout)
    assert [(f["rule"], f["suppressed"], f["points"]) for f in data["suppressed"]] == [
        ("anonymous-source-undescribed", "Reuters's sources", 0.0)
    ]


def test_a_progress_bar_only_on_a_terminal(tmp_path: Path):
    for n in range(3):
        shutil.copy(INDEPENDENT, tmp_path / f"story{n}.txt")
    piped = run("check", "--fail-on", "none", str(tmp_path))
    assert piped.stderr == ""
    code, stdout, seen = on_a_terminal(
        ["check", "--fail-on", "none", str(tmp_path)], {"COLUMNS": "100"}
    )
    assert code == 0
    assert b"auditing" in seen
    assert b"3/3" in seen  # the last frame, drawn when the bar stops, whatever the timing
    assert b"auditing" not in stdout


def test_sarif_carries_suppressions_and_ignored_directives(tmp_path: Path):
    import jsonschema

    draft = _draft(tmp_path)
    log = json.loads(run("check", "-f", "sarif", str(draft)).stdout)
    schema = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    (run_,) = log["runs"]
    held = [r for r in run_["results"] if "suppressions" in r]
    assert [(r["ruleId"], r["suppressions"]) for r in held] == [
        (
            "anonymous-source-undescribed",
            [{"kind": "inSource", "justification": "Reuters's sources"}],
        )
    ]
    (invocation,) = run_["invocations"]
    assert invocation["executionSuccessful"] is True
    assert [
        (n["level"], n["locations"][0]["physicalLocation"]["region"])
        for n in invocation["toolExecutionNotifications"]
    ] == [("warning", {"startLine": 8, "startColumn": 1})]


def test_a_report_written_to_a_file_is_plain_text(tmp_path: Path):
    out = tmp_path / "report.txt"
    result = run(
        "audit",
        "-o",
        str(out),
        "examples/independent-habib-defection.txt",
        env={"FORCE_COLOR": "1"},
    )
    assert result.returncode == 0
    text = out.read_text()
    assert "\x1b" not in text
    assert text.startswith("Syria crisis: General deserts Damascus and flees to Turkey\n")
    assert all(line == line.rstrip() for line in text.splitlines())


def test_json_is_a_list_for_a_glob_or_directory_even_of_one_file_and_check_says_why(drafts: Path):
    one_glob = json.loads(run("check", "-f", "json", "wire/*.txt", cwd=drafts).stdout)
    assert isinstance(one_glob, list)
    assert [item["check"] for item in one_glob] == [
        {
            "passed": False,
            "failures": ["2 findings of severity error"],
            "notice": None,
            "gated": None,
        }
    ]
    one_dir = json.loads(run("audit", "-f", "json", "wire", cwd=drafts).stdout)
    assert isinstance(one_dir, list)
    assert "check" not in one_dir[0]  # audit passes no judgement


def test_standard_input_named_twice_is_read_once():
    result = run("check", "--fail-on", "none", "-", "-", stdin=INDEPENDENT.read_bytes())
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "-: 75.0 / 100 adequately sourced, 13 findings: ok"


def test_the_terminal_width_is_held_between_60_and_200_columns():
    for columns, widest in (("5000", 200), ("20", 60), ("90", 90)):
        result = run("audit", "examples/independent-habib-defection.txt", env={"COLUMNS": columns})
        assert max(len(line) for line in result.stdout.splitlines()) == widest


# genre and judgement


def test_a_file_too_short_to_judge_passes_with_a_notice_and_fails_when_strict(tmp_path: Path):
    short = tmp_path / "short.txt"
    short.write_text("The minister resigned on Tuesday.\n", encoding="utf-8")
    result = run("check", "--fail-under", "70", str(short))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"{short}: 60.0 / 100 too little to judge, 0 findings: ok (not gated, too little to "
        "judge: 5 words of copy, under the floor of 80; --strict fails it)"
    )
    strict = run("check", "--fail-under", "70", "--strict", str(short))
    assert strict.returncode == 1
    assert strict.stdout.splitlines()[-1] == (
        f"{short}: 60.0 / 100 too little to judge, 0 findings: "
        "FAIL (too little to judge: 5 words of copy, under the floor of 80)"
    )
    (tmp_path / ".scorer.toml").write_text("strict = true\n", encoding="utf-8")
    assert run("check", str(short)).returncode == 1


def test_a_genre_not_gated_passes_and_genres_gates_it():
    column = run("check", "--genre", "opinion", "examples/habib-defection-rewrite.txt")
    assert column.returncode == 0, column.stderr
    assert column.stdout.splitlines()[-1] == (
        "examples/habib-defection-rewrite.txt: 29.0 / 100 opinion, not scored as news, "
        "20 findings: ok (not gated, opinion is not among the genres gated (news, analysis, "
        "brief); --genres news,analysis,brief,opinion gates it)"
    )
    gated = run(
        "check",
        "--genre",
        "opinion",
        "--genres",
        "news,opinion",
        "examples/habib-defection-rewrite.txt",
    )
    assert gated.returncode == 1
    bad = run("check", "--genres", "blog", "examples/habib-defection-rewrite.txt")
    assert bad.returncode == 2
    assert "Invalid value for '--genres': unknown genre 'blog'" in bad.stderr
