"""rules/ ships inside the wheel: build it, install it in a fresh venv outside the source
tree, and read the rule data through the installed package."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

CHECK = """
import json, scorer.resources as r
d = r.rules_dir()
print(json.dumps({
    "rules_dir": str(d),
    "module": r.__file__,
    "patterns": [p["id"] for p in r.read_toml(d / "boilerplate.toml")["pattern"]][:2],
    "has_gen": "gen" in r.read_toml(d / "lexicons" / "abbreviations.toml")["abbreviations"]["titles"],
}))
"""


def test_wheel_carries_rules_and_the_installed_package_reads_them(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = dist.glob("sourcing_scorer-*.whl")
    shipped = {
        n.removeprefix("scorer/rules/")
        for n in zipfile.ZipFile(wheel).namelist()
        if n.startswith("scorer/rules/")
    }
    in_repo = {
        p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*") if p.is_file()
    }
    assert shipped == in_repo

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # --no-deps: reading rules/ needs the standard library only; the test must not
    # depend on installing the whole stack a second time.
    subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)],
        check=True,
        timeout=300,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = subprocess.run(
        [python, "-c", CHECK],
        cwd=outside,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    site = Path(found["module"]).parent
    assert Path(found["rules_dir"]) == site / "rules"
    assert str(env_dir) in found["rules_dir"]
    assert found["patterns"] == ["donation-box", "donation-appeal"]
    assert found["has_gen"] is True
