"""What the tests of the GitHub Action (action.yml) share: the action as GitHub reads it, a newsroom
repository, and a runner that runs its `run:` steps as GitHub runs them.

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
