"""The rendered reports in reports/ are those the code makes now (`make reports` renews them)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_the_committed_reports_are_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "reports" / "build.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"run `make reports`:\n{result.stdout}{result.stderr}"
    assert result.stdout == ""


def test_there_is_an_svg_html_and_json_report_of_each_example():
    names = sorted(p.name for p in (ROOT / "reports").iterdir() if p.suffix != ".py")
    stems = sorted(p.stem for p in (ROOT / "examples").glob("*.txt"))
    assert names == sorted(f"{stem}.{ext}" for stem in stems for ext in ("html", "json", "svg"))
    data = json.loads((ROOT / "reports" / "independent-habib-defection.json").read_text())
    assert (data["score"], data["label"], data["engine"]) == (75.0, "adequately sourced", "python")
