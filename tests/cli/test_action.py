"""The GitHub Action (action.yml) as GitHub reads it: composite, hardened, every input used."""

from __future__ import annotations

import re

import yaml

from tests.cli.action_runner import (
    action,
    installs,
    run_steps,
    steps,
)

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
