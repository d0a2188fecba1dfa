"""The GitHub Action's `run:` steps run as a runner runs them, against a throwaway newsroom
repository (tests/cli/action_runner.py): the gate, the outputs, the inputs."""

from __future__ import annotations

import pytest

from tests.cli.action_runner import (
    Runner,
    command,
    git,
    pull_request,
    results,
    sarif_log,
    steps,
    summary_after_earlier_step,
)

# The action run on pull requests


def test_a_pull_request_adding_a_weak_draft_fails_and_the_old_untouched_draft_does_not(
    origin, workspace
):
    runner = pull_request(origin, workspace, "feature")
    result = runner.run()

    assert result.exit_code == 1
    assert result.outputs["check"]["exit-code"] == "1"
    assert result.errors["scorer check"] == ""
    assert result.skipped == [
        "Set up Python for scorer",
        "Install scorer",
        "Upload SARIF to code scanning",
    ]
    # The single-branch clone lacked main: the action fetched it for the merge base.
    assert "Judging what changed since origin/main..." in result.logs["Find the diff base"]
    assert git(workspace, "rev-parse", "refs/remotes/origin/main") == origin.main
    sarif = result.outputs["check"]["sarif-file"]
    assert sarif == str(runner.temp / "scorer.sarif")
    assert command(result) == (
        f"scorer check --format github --diff origin/main... --sarif {sarif} "
        f"--summary {runner.summary} -- drafts/"
    )

    annotations = result.annotations
    # Failures first, one a file with every reason, so GitHub's 10 a level never drops them;
    # then the score of each file the pull request changed, with what it was held to.
    assert annotations[:3] == [
        "::error file=drafts/new.md,title=scorer check failed::score 10.5 is under 60; "
        "1 finding of severity error",
        "::notice file=drafts/good.md,title=scorer score::76.0 / 100 adequately sourced; "
        "1 new finding on changed lines (changed since origin/main...: gated on the findings it "
        "brought in on changed lines, and on its score only if it fell)",
        "::notice file=drafts/new.md,title=scorer score::10.5 / 100 poorly sourced; "
        "18 findings (new since origin/main...: gated whole)",
    ]
    assert [line for line in annotations if "title=scorer check failed" in line] == annotations[:1]
    # The draft the pull request did not touch: no annotation, its score a line of the log.
    assert not [line for line in annotations if "file=drafts/old.md" in line]
    assert (
        "drafts/old.md: 15.5 / 100 poorly sourced; 0 findings (not gated, unchanged since "
        "origin/main...)"
    ) in result.check_log
    assert (
        "::warning file=drafts/good.md,line=13,col=32,endLine=13,endColumn=41,"
        "title=reportedly-without-source::'reportedly' with no outlet or source named in the "
        "sentence"
    ) in annotations
    assert annotations[-1] == (
        "::notice title=scorer%3A more findings than annotations::2 warnings not annotated "
        "(GitHub shows 10 of each level a step): they are in this step's log, the "
        "SARIF report and the job summary"
    )

    # What the upload step is given: a valid SARIF 2.1.0 log of the changed lines' findings.
    (upload,) = [step for step in steps() if str(step.get("uses")).startswith("github/codeql")]
    assert runner.evaluate(upload["with"]["sarif_file"]) == sarif
    log = sarif_log(sarif)
    assert log["version"] == "2.1.0"
    found = results(log)
    assert {(uri, line) for uri, line, _ in found} == {
        ("drafts/good.md", 13),
        ("drafts/new.md", 1),
        ("drafts/new.md", 3),
        ("drafts/new.md", 5),
        ("drafts/new.md", 7),
    }
    assert ("drafts/good.md", 13, "reportedly-without-source") in found
    assert ("drafts/new.md", 3, "anonymous-and-hedged") in found

    # The job summary: the earlier step's text kept, the report appended.
    appended = summary_after_earlier_step(runner)
    assert appended.lstrip("\n").startswith("### scorer: sourcing report\n")
    assert "| `drafts/new.md` | 10.5 | poorly sourced | 18 |" in appended
    assert "| fail: score 10.5 is under 60; 1 finding of severity error" in appended


@pytest.mark.parametrize("depth", [None, 1], ids=["full-clone", "shallow-clone"])
def test_a_pull_request_fixing_a_typo_in_an_old_weak_draft_passes(origin, workspace, depth):
    runner = pull_request(origin, workspace, "typo", depth=depth)
    result = runner.run()

    assert result.exit_code == 0, result.logs
    assert result.outputs["check"] == {
        "exit-code": "0",
        "sarif-file": str(runner.temp / "scorer.sarif"),
    }
    shallow_notice = (
        "::notice title=scorer::shallow clone: fetching its history for the merge base "
        "(check out with fetch-depth: 0 to skip this)"
    )
    assert (shallow_notice in result.logs["Find the diff base"]) == (depth is not None)
    assert git(workspace, "rev-parse", "--is-shallow-repository") == "false"
    # 15.5 and under the bar of 60, but no lower than at main: the ratchet lets it through.
    # The finding on the fixed line was in the draft at main already: not the change's.
    assert result.annotations == [
        "::notice file=drafts/old.md,title=scorer score::15.5 / 100 poorly sourced; "
        "0 new findings on changed lines (changed since origin/main...: gated on the findings "
        "it brought in on changed lines, and on its score only if it fell, and it did not "
        "(15.5 at origin/main...))"
    ]
    # The draft the pull request did not touch gets no annotation: its score is in the log.
    assert result.check_log[-1] == (
        "drafts/good.md: 80.0 / 100 well sourced; 0 findings (not gated, unchanged since "
        "origin/main...)"
    )
    assert results(sarif_log(result.outputs["check"]["sarif-file"])) == set()


def test_a_merge_queue_judges_what_changed_since_the_queues_base(origin, workspace):
    origin.clone("typo", workspace)
    event = {"merge_group": {"base_sha": origin.main, "base_ref": "refs/heads/main"}}
    runner = Runner(
        workspace, workspace.parent / "temp", event_name="merge_group", base_ref="", event=event
    )
    result = runner.run()

    assert result.exit_code == 0
    assert f" --diff {origin.main}... " in command(result)
    # Only the changed draft is annotated: its score.
    assert [line.partition("::")[2].partition("::")[0] for line in result.annotations] == [
        "notice file=drafts/old.md,title=scorer score"
    ]
    assert (
        "drafts/good.md: 80.0 / 100 well sourced; 0 findings "
        f"(not gated, unchanged since {origin.main}...)"
    ) in result.check_log


@pytest.mark.parametrize(
    ("event_name", "base_ref", "inputs"),
    [("push", "", {}), ("pull_request", "main", {"diff-base": "none"})],
    ids=["push", "diff-base-none"],
)
def test_without_a_diff_every_file_is_held_to_the_bar(
    origin, workspace, event_name, base_ref, inputs
):
    origin.clone("typo", workspace)
    temp = workspace.parent / "temp"
    runner = Runner(workspace, temp, event_name=event_name, base_ref=base_ref, inputs=inputs)
    result = runner.run()

    assert result.exit_code == 1
    assert result.outputs["base"] == {"diff": "none"}
    assert " --no-diff " in command(result)
    # Nothing to compare with, so nothing was fetched.
    assert git(workspace, "branch", "--remotes", "--format=%(refname:short)") == "origin/typo"
    assert result.annotations[:4] == [
        "::error file=drafts/good.md,title=scorer check failed::1 finding of severity error",
        "::error file=drafts/old.md,title=scorer check failed::score 15.5 is under 60; "
        "2 findings of severity error",
        "::notice file=drafts/good.md,title=scorer score::80.0 / 100 well sourced; 12 findings",
        "::notice file=drafts/old.md,title=scorer score::15.5 / 100 poorly sourced; 24 findings",
    ]


def test_inputs_given_become_flags_and_sarif_false_writes_and_uploads_nothing(origin, workspace):
    inputs = {
        "paths": "drafts/new.md\n  drafts/g*.md\tdrafts/old.md\n",  # the glob is scorer's
        "fail-under": "50",
        "fail-on": "warning",
        "annotations": "3",
        "sarif": "false",
    }
    runner = pull_request(origin, workspace, "feature", inputs=inputs)
    result = runner.run()

    assert result.exit_code == 1
    assert result.outputs["check"] == {"exit-code": "1"}
    assert command(result) == (
        "scorer check --format github --diff origin/main... --fail-under 50 --fail-on warning "
        f"--annotations 3 --summary {runner.summary} -- drafts/new.md drafts/g\\*.md drafts/old.md"
    )
    assert not (runner.temp / "scorer.sarif").exists()
    # The upload step's condition: its last clause is false without a report.
    assert runner.evaluate("${{ steps.check.outputs.sarif-file }}") == ""
    annotations = result.annotations
    for level in ("error", "warning"):
        assert len([line for line in annotations if line.startswith(f"::{level} ")]) == 3, level
    assert len([line for line in annotations if line.startswith("::notice ")]) == 3
    # In the order of `paths`, failures first (one a file); two of the three notices are the
    # changed files' scores, the third counts what did not fit. The untouched draft has none.
    assert len(annotations) == 9
    assert annotations[:4] == [
        "::error file=drafts/new.md,title=scorer check failed::score 10.5 is under 50; "
        "12 findings of severity warning or worse",
        "::error file=drafts/good.md,title=scorer check failed::"
        "1 new finding on changed lines of severity warning or worse",
        "::notice file=drafts/new.md,title=scorer score::10.5 / 100 poorly sourced; "
        "18 findings (new since origin/main...: gated whole)",
        "::notice file=drafts/good.md,title=scorer score::76.0 / 100 adequately sourced; "
        "1 new finding on changed lines (changed since origin/main...: gated on the findings it "
        "brought in on changed lines, and on its score only if it fell)",
    ]
    assert [line.partition("title=")[2].partition("::")[0] for line in annotations[4:8]] == [
        "anonymous-heavy",
        "hedge-density",
        "anonymous-and-hedged",
        "relayed-story",
    ]
    assert annotations[8] == (
        "::notice title=scorer%3A more findings than annotations::9 warnings, 5 notices "
        "not annotated (at most 3 of each level; GitHub shows 10 a step): they are in this "
        "step's log, the SARIF report and the job summary"
    )


def test_gate_false_reports_a_failing_draft_and_passes(origin, workspace):
    # A push to the default branch, report only: the analysis code scanning compares pull
    # requests with (docs/ci.md's workflow passes gate: false on push).
    origin.clone("typo", workspace)
    temp = workspace.parent / "temp"
    runner = Runner(workspace, temp, event_name="push", base_ref="", inputs={"gate": "false"})
    result = runner.run()

    assert result.exit_code == 0
    sarif = str(runner.temp / "scorer.sarif")
    assert result.outputs["check"] == {"exit-code": "0", "sarif-file": sarif}
    assert command(result) == (
        "scorer check --format github --no-diff --fail-on none --fail-under 0 --no-strict "
        f"--sarif {sarif} --summary {runner.summary} -- drafts/"
    )
    annotations = result.annotations
    # The old draft scores 15.5 with two errors, which fail it when the gate is on
    # (test_without_a_diff_every_file_is_held_to_the_bar): here it fails nothing, and is
    # annotated as fully as it would be.
    assert not [line for line in annotations if "title=scorer check failed" in line]
    assert annotations[:2] == [
        "::notice file=drafts/good.md,title=scorer score::80.0 / 100 well sourced; 12 findings",
        "::notice file=drafts/old.md,title=scorer score::15.5 / 100 poorly sourced; 24 findings",
    ]
    assert (
        "::error file=drafts/old.md,line=3,col=1,endLine=3,endColumn=206,"
        "title=anonymous-and-hedged::most sources are unnamed (2 anonymous, 0 vague, 3 agentless "
        "of 9) and the copy hedges heavily ('reportedly', 'may', 'ostensibly', 'It’s been "
        "suggested' and 5 more): little here is on record"
    ) in annotations
    # The upload runs (its condition is that the check step named a report), with every finding.
    assert runner.evaluate("${{ steps.check.outputs.sarif-file }}") == sarif
    assert ("drafts/old.md", 3, "anonymous-and-hedged") in results(sarif_log(sarif))
    appended = summary_after_earlier_step(runner)
    assert "| `drafts/old.md` | 15.5 | poorly sourced | 24 | error `headline-overstates` " in (
        appended
    )


def test_gate_false_outweighs_the_thresholds_given(origin, workspace):
    inputs = {"gate": "False", "fail-under": "90", "fail-on": "warning", "sarif": "false"}
    runner = pull_request(origin, workspace, "feature", inputs=inputs)
    result = runner.run()

    assert result.exit_code == 0
    assert result.outputs["check"] == {"exit-code": "0"}
    # Later flags win: gate's come after the thresholds'.
    assert command(result) == (
        "scorer check --format github --diff origin/main... --fail-under 90 --fail-on warning "
        f"--fail-on none --fail-under 0 --no-strict --summary {runner.summary} -- drafts/"
    )
    assert not [line for line in result.annotations if "title=scorer check failed" in line]
    assert (
        "::warning file=drafts/good.md,line=13,col=32,endLine=13,endColumn=41,"
        "title=reportedly-without-source::'reportedly' with no outlet or source named in the "
        "sentence"
    ) in result.annotations


def test_a_gate_other_than_true_or_false_stops_the_check(origin, workspace):
    runner = pull_request(origin, workspace, "feature", inputs={"gate": "no"})
    result = runner.run()

    assert result.exit_code == 2
    assert result.outputs["check"] == {"exit-code": "2"}
    assert result.check_log == ["::error title=scorer::gate must be true or false, not 'no'"]
    assert summary_after_earlier_step(runner) == ""


@pytest.mark.parametrize("sarif", ["True", "TRUE"])
def test_sarif_true_in_any_spelling_the_step_accepts_is_written_and_uploaded(
    origin, workspace, sarif
):
    runner = pull_request(origin, workspace, "typo", inputs={"sarif": sarif})
    result = runner.run()

    assert result.exit_code == 0
    report = str(runner.temp / "scorer.sarif")
    assert f" --sarif {report} " in command(result)
    # What the upload step's condition reads (it once also asked for inputs.sarif == 'true').
    assert runner.evaluate("${{ steps.check.outputs.sarif-file }}") == report
    assert sarif_log(report)["version"] == "2.1.0"


def test_inputs_are_never_run_as_shell_code(origin, workspace):
    inputs = {
        "paths": "drafts/good.md $(touch${IFS}pwned) `touch${IFS}pwned` ;touch${IFS}pwned",
        "fail-on": "error",
        "sarif": "false",
    }
    runner = pull_request(origin, workspace, "feature", inputs=inputs)
    result = runner.run()

    assert result.exit_code == 2
    assert command(result) == (
        "scorer check --format github --diff origin/main... --fail-on error "
        f"--summary {runner.summary} -- drafts/good.md \\$\\(touch\\$\\{{IFS\\}}pwned\\) "
        "\\`touch\\$\\{IFS\\}pwned\\` \\;touch\\$\\{IFS\\}pwned"
    )
    # Each word reached scorer as one path, which it could not read.
    assert result.annotations[:3] == [
        "::error file=$(touch${IFS}pwned),title=scorer%3A error::$(touch${IFS}pwned): no such file",
        "::error file=`touch${IFS}pwned`,title=scorer%3A error::`touch${IFS}pwned`: no such file",
        "::error file=;touch${IFS}pwned,title=scorer%3A error::;touch${IFS}pwned: no such file",
    ]
    assert not list(workspace.parent.rglob("pwned"))


def test_a_diff_base_is_one_ref_or_the_action_stops(origin, workspace):
    runner = pull_request(origin, workspace, "feature", inputs={"diff-base": "main... ; id"})
    result = runner.run()

    assert result.exit_code == 2
    assert result.logs["Find the diff base"] == (
        "::error title=scorer::diff-base must be one git ref, not 'main... ; id'\n"
    )
    assert "scorer check" in result.skipped


def test_empty_paths_stop_the_check_with_an_error(origin, workspace):
    runner = pull_request(origin, workspace, "feature", inputs={"paths": " \n\t"})
    result = runner.run()

    assert result.exit_code == 2
    assert result.outputs["check"] == {"exit-code": "2"}
    assert result.check_log == [
        "::error title=scorer::the paths input is empty: name the drafts to check"
    ]
    assert summary_after_earlier_step(runner) == ""
