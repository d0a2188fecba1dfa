"""The GitHub Action (action.yml), read as GitHub reads it and its `run:` steps run as a runner runs them.

The steps run with `bash --noprofile --norc -eo pipefail`, as `shell: bash` does on GitHub, in a
throwaway clone of a newsroom repository, with the environment a runner gives a pull-request
job: GITHUB_EVENT_NAME, GITHUB_BASE_REF, GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY (holding what an
earlier step wrote), GITHUB_OUTPUT, GITHUB_WORKSPACE, RUNNER_TEMP. Each step's `env:` goes
through a small evaluator of `${{ }}` that knows only what the action uses and fails the test
on anything else. The `uses:` steps (setup-python, the SARIF upload) are GitHub's and are not
run; the step that would `pip install` this project is replaced by this virtual environment's
bin folder on PATH, so nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema.validators import validator_for

from tests.conftest import INDEPENDENT, REWRITE, ROOT

ACTION = ROOT / "action.yml"
BIN = Path(sys.executable).parent  # where this project's `scorer` is installed
SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
EARLIER = "## Tests\n\nAll 212 tests passed.\n"  # what an earlier step left in the summary
TYPO = ("demographics", "demograhpics")  # in line 11 of the old draft on main


def action() -> dict[str, Any]:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def steps() -> list[dict[str, Any]]:
    return action()["runs"]["steps"]


def run_steps() -> list[dict[str, Any]]:
    return [step for step in steps() if "run" in step]


# The newsroom: drafts from the bundled examples (real article text)


def paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").strip().split("\n\n")]


def markdown(headline: str, *body: str) -> str:
    return "\n\n".join([f"# {headline}", *body]) + "\n"


def old_draft() -> str:
    """The rewrite: weak (15.5), on main for a while, with a typo in line 11."""
    headline, *body = paragraphs(REWRITE)
    return markdown(headline, *body[:-1]).replace(*TYPO)  # no "Image: Getty" credit


def good_draft() -> str:
    """The Independent's story without its donation and subscription boxes (80.0)."""
    rows = INDEPENDENT.read_text(encoding="utf-8").strip().split("\n")
    lede = rows[6].removeprefix("Your support makes all the difference.")
    return markdown(rows[0], lede, *rows[7:15])


def new_draft() -> str:
    """A new story resting on 'opposition sources' and 'multiple sources' (10.5)."""
    body = paragraphs(REWRITE)[1:4]
    return markdown("Habib flees to Istanbul", *body)


@dataclass(frozen=True)
class Origin:
    """A bare repository standing in for GitHub: main, and the branches of two pull requests."""

    path: Path
    main: str  # main's commit

    def clone(self, branch: str, into: Path, depth: int | None = None) -> Path:
        """What actions/checkout leaves: the pull request's branch only, as `origin`."""
        shallow = ["--depth", str(depth)] if depth else []
        clone = ["clone", "--quiet", "--no-tags", "--single-branch", "--branch", branch]
        git(into.parent, *clone, *shallow, f"file://{self.path}", str(into))
        return into


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=git_env(), capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def git_env() -> dict[str, str]:
    """The environment minus anything of git's, GitHub's or a runner's, plus a fixed identity."""
    dropped = ("GIT_", "GITHUB_", "RUNNER_", "INPUT_", "ACTIONS_", "SCORER_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(dropped)}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Desk Editor",
        GIT_AUTHOR_EMAIL="desk@example.invalid",
        GIT_COMMITTER_NAME="Desk Editor",
        GIT_COMMITTER_EMAIL="desk@example.invalid",
        GIT_TERMINAL_PROMPT="0",
    )
    return env


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Origin:
    """main holds the old weak draft and a good one, with a config's bar of 60.

    `feature` edits one line of the good draft and adds a weak new one; `typo` only fixes a typo
    in the old draft.
    """
    root = tmp_path_factory.mktemp("github")
    bare, desk = root / "origin.git", root / "desk"
    git(root, "init", "--quiet", "--bare", "--initial-branch=main", str(bare))
    git(root, "init", "--quiet", "--initial-branch=main", str(desk))

    def commit(message: str, files: dict[str, str]) -> str:
        for name, text in files.items():
            path = desk / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        git(desk, "add", "--all")
        git(desk, "commit", "--quiet", "-m", message)
        return git(desk, "rev-parse", "HEAD")

    main = commit(
        "the desk's drafts",
        {
            ".scorer.toml": "fail-under = 60\n",
            "drafts/old.md": old_draft(),
            "drafts/good.md": good_draft(),
        },
    )
    git(desk, "switch", "--quiet", "-c", "feature")
    good = good_draft()
    edited = good.replace("members have been hoping", "members have reportedly been hoping")
    assert edited.count("\n") == good.count("\n") and edited != good  # one line, 13, edited
    commit("Habib in Istanbul", {"drafts/good.md": edited, "drafts/new.md": new_draft()})
    git(desk, "switch", "--quiet", "-c", "typo", "main")
    commit("typo", {"drafts/old.md": old_draft().replace(*TYPO[::-1])})
    git(desk, "push", "--quiet", str(bare), "main", "feature", "typo")
    return Origin(bare, main)


# A runner, as far as the action's run: steps can tell


@dataclass
class Result:
    exit_code: int  # of the last step run: the action's result
    logs: dict[str, str]  # each run step's standard output, by name
    errors: dict[str, str]  # and its standard error
    outputs: dict[str, dict[str, str]]  # each step's outputs, by id
    skipped: list[str]  # the names of the steps not run

    @property
    def check_log(self) -> list[str]:
        return self.logs["scorer check"].splitlines()

    @property
    def annotations(self) -> list[str]:
        return [line for line in self.check_log if line.startswith("::")]


@dataclass
class Runner:
    workspace: Path
    temp: Path
    event_name: str = "pull_request"
    base_ref: str = "main"
    event: dict[str, Any] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        declared = action()["inputs"]
        unknown = set(self.inputs) - set(declared)
        assert not unknown, f"not inputs of the action: {unknown}"
        self.values = {name: str(spec.get("default", "")) for name, spec in declared.items()}
        self.values.update(self.inputs)
        self.summary = self.temp / "step_summary.md"
        self.summary.write_text(EARLIER, encoding="utf-8")
        self.event_path = self.temp / "event.json"
        self.event_path.write_text(json.dumps(self.event), encoding="utf-8")

    def evaluate(self, text: object) -> str:
        """`text` with each `${{ }}` replaced by its value, as a string (null is empty)."""
        return EXPRESSION.sub(lambda match: self._value(match.group(1).strip()), str(text))

    def _value(self, expression: str) -> str:
        head, _, rest = expression.partition(".")
        value: Any
        if head == "inputs" and rest in self.values:
            value = self.values[rest]
        elif head == "github" and rest.startswith("event."):
            value = self.event
            for key in rest.split(".")[1:]:
                value = value.get(key) if isinstance(value, dict) else None
        elif head == "github" and rest in self._github():
            value = self._github()[rest]
        elif head == "runner" and rest == "temp":
            value = str(self.temp)
        elif head == "steps" and re.fullmatch(r"[\w-]+\.outputs\.[\w-]+", rest):
            step, _, name = rest.split(".")
            value = self.outputs.get(step, {}).get(name, "")
        else:
            pytest.fail(f"the test's evaluator cannot evaluate ${{{{ {expression} }}}}")
        if value is None:
            return ""
        if isinstance(value, bool):
            return str(value).lower()
        return str(value)

    def _github(self) -> dict[str, str]:
        return {
            "action_path": str(ROOT),
            "base_ref": self.base_ref,
            "event_name": self.event_name,
            "workspace": str(self.workspace),
        }

    def environment(self) -> dict[str, str]:
        env = git_env()
        env.update(
            PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            GIT_CEILING_DIRECTORIES=str(self.workspace.parent),
            CI="true",
            GITHUB_ACTIONS="true",
            GITHUB_EVENT_NAME=self.event_name,
            GITHUB_EVENT_PATH=str(self.event_path),
            GITHUB_BASE_REF=self.base_ref,
            GITHUB_WORKSPACE=str(self.workspace),
            GITHUB_STEP_SUMMARY=str(self.summary),
            GITHUB_ACTION_PATH=str(ROOT),
            RUNNER_TEMP=str(self.temp),
        )
        return env

    def run(self) -> Result:
        logs, errors, skipped = {}, {}, []
        exit_code = 0
        for index, step in enumerate(steps()):
            name = step.get("name", f"step {index}")
            if "uses" in step or installs(step) or exit_code:
                skipped.append(name)
                continue
            assert step["shell"] == "bash"
            script = self.temp / f"step-{index}.sh"
            script.write_text(step["run"], encoding="utf-8")
            output = self.temp / f"output-{index}"
            output.write_text("", encoding="utf-8")
            env = self.environment()
            env.update({key: self.evaluate(value) for key, value in step.get("env", {}).items()})
            env["GITHUB_OUTPUT"] = str(output)
            result = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=self.workspace,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                check=False,
            )
            logs[name] = result.stdout.decode("utf-8")
            errors[name] = result.stderr.decode("utf-8")
            if "id" in step:
                self.outputs[step["id"]] = read_outputs(output)
            exit_code = result.returncode
        return Result(exit_code, logs, errors, self.outputs, skipped)


def installs(step: dict[str, Any]) -> bool:
    return "pip install" in step.get("run", "")


def read_outputs(path: Path) -> dict[str, str]:
    """A GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks."""
    outputs, lines = {}, iter(path.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if "<<" in line and "=" not in line.partition("<<")[0]:
            name, _, delimiter = line.partition("<<")
            block = []
            for row in lines:
                if row == delimiter:
                    break
                block.append(row)
            outputs[name] = "\n".join(block)
        else:
            name, _, value = line.partition("=")
            outputs[name] = value
    return outputs


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    assert (BIN / "scorer").exists(), f"no scorer command in {BIN}: install the project"
    (tmp_path / "temp").mkdir()
    return tmp_path / "work"


def pull_request(origin: Origin, workspace: Path, branch: str, **options: Any) -> Runner:
    """A pull request of `branch` into main, cloned as actions/checkout would."""
    depth = options.pop("depth", None)
    origin.clone(branch, workspace, depth)
    event = {
        "action": "synchronize",
        "number": 7,
        "pull_request": {"base": {"ref": "main"}, "head": {"ref": branch}},
    }
    return Runner(workspace, workspace.parent / "temp", event=event, **options)


def summary_after_earlier_step(runner: Runner) -> str:
    text = runner.summary.read_text(encoding="utf-8")
    assert text.startswith(EARLIER)
    return text[len(EARLIER) :]


def sarif_log(path: str) -> dict[str, Any]:
    log = json.loads(Path(path).read_text(encoding="utf-8"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_for(schema)(schema).validate(log)
    return log


def results(log: dict[str, Any]) -> set[tuple[str, int, str]]:
    found = set()
    for result in log["runs"][0]["results"]:
        place = result["locations"][0]["physicalLocation"]
        found.add(
            (place["artifactLocation"]["uri"], place["region"]["startLine"], result["ruleId"])
        )
    return found


def command(result: Result) -> str:
    """The command line the check step printed before running it."""
    (line,) = [row for row in result.check_log if row.startswith("scorer check ")]
    return line


# The action as GitHub reads it


def test_the_action_is_composite_with_bash_run_steps_and_two_actions_of_githubs():
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert [step.get("uses") for step in steps() if "uses" in step] == [
        "actions/setup-python@v6",
        "github/codeql-action/upload-sarif@v4",
    ]
    assert all(step["shell"] == "bash" for step in run_steps())


def test_no_run_script_holds_an_expression():
    # GitHub's hardening guide: an expression in a script is pasted into the shell code.
    for step in run_steps():
        assert "${{" not in step["run"], step["name"]


def test_every_input_is_described_and_used_and_nothing_else_is_read():
    spec = action()
    declared = set(spec["inputs"])
    assert declared == {
        "paths",
        "fail-under",
        "fail-on",
        "diff-base",
        "sarif",
        "gate",
        "python-version",
        "annotations",
    }
    text = yaml.safe_dump(spec["runs"])
    used = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used == declared
    for name, input_ in spec["inputs"].items():
        assert input_["description"].strip(), name
        assert input_["required"] is False, name
    assert spec["inputs"]["paths"]["default"] == "drafts/"
    assert spec["inputs"]["sarif"]["default"] == "true"
    assert spec["inputs"]["gate"]["default"] == "true"
    assert spec["inputs"]["python-version"]["default"] == "3.12"
    for name in ("fail-under", "fail-on", "diff-base", "annotations"):
        assert spec["inputs"][name]["default"] == "", name


def test_python_is_set_up_with_a_pip_cache_keyed_on_the_actions_own_project():
    (setup,) = [step for step in steps() if step.get("uses") == "actions/setup-python@v6"]
    assert setup["with"] == {
        "python-version": "${{ inputs.python-version }}",
        "cache": "pip",
        "cache-dependency-path": "${{ github.action_path }}/pyproject.toml",
    }


def test_scorer_is_installed_from_the_actions_own_checkout():
    (install,) = [step for step in steps() if installs(step)]
    assert install["env"] == {"ACTION_PATH": "${{ github.action_path }}"}
    assert re.search(r'python -m pip install .*"\$ACTION_PATH"\n', install["run"])


def test_the_sarif_upload_runs_after_a_failed_check_and_does_not_change_the_result():
    (upload,) = [step for step in steps() if str(step.get("uses")).startswith("github/codeql")]
    # Whenever the check step wrote a report: it names one only when `sarif` is true (in any
    # spelling the step accepts) and scorer wrote it.
    assert upload["if"] == "always() && steps.check.outputs.sarif-file != ''"
    assert upload["continue-on-error"] is True
    assert upload["with"] == {
        "sarif_file": "${{ steps.check.outputs.sarif-file }}",
        "category": "scorer",
    }
    assert steps()[-1] == upload  # after the check step, whatever it returned


def test_the_outputs_are_the_check_steps():
    outputs = action()["outputs"]
    assert outputs["exit-code"]["value"] == "${{ steps.check.outputs.exit-code }}"
    assert outputs["sarif-file"]["value"] == "${{ steps.check.outputs.sarif-file }}"
    assert [step.get("id") for step in run_steps()] == [None, "base", "check"]


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
