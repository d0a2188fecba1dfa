"""The command line, driven as a user would: exit codes and one-line errors."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import INDEPENDENT, REWRITE


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scorer", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "scorer, version 0.1.0"


def test_audit_prints_the_structure_of_the_seed_article():
    result = run("structure", str(INDEPENDENT))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "title:       Syria crisis: General deserts Damascus and flees to Turkey"
    assert "paragraphs:  9 of copy (21 in all)" in lines
    assert "sentences:   19 of copy (36 in all)" in lines
    assert "boilerplate: 3 span(s) set aside" in lines
    assert "quotes:      4 in copy (5 in all)" in lines
    assert result.stderr == ""


def test_bad_inputs_give_one_line_each_exit_2_and_the_good_file_still_runs(tmp_path):
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4 binary")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"Caf\xe9\n")
    result = run(
        "audit",
        str(tmp_path / "missing.txt"),
        str(tmp_path),
        str(binary),
        str(empty),
        str(latin),
        str(REWRITE),
    )
    assert result.returncode == 2
    errors = result.stderr.splitlines()
    assert errors == [
        f"scorer: error: {tmp_path / 'missing.txt'}: no such file",
        # The folder is searched: its .txt files are audited (and fail) in its place, and
        # each failure is said once though the files are named again below.
        f"scorer: error: {empty}: the document is empty",
        f"scorer: error: {latin}: not valid UTF-8 text: byte 0xe9 at line 1, column 4 cannot be decoded; save the file as UTF-8",
        f"scorer: error: {binary}: binary file (a PDF document); scorer reads text, Markdown or HTML",
    ]
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("Someone Really Important Just Defected From Syria\n")


def test_stdin():
    result = run("structure", "-", stdin=INDEPENDENT.read_bytes())
    assert result.returncode == 0
    assert result.stdout.startswith("source:      <stdin> (text)\n")
    scored = run("check", "--fail-on", "none", "-", stdin=INDEPENDENT.read_bytes())
    assert scored.stdout.splitlines()[-1] == "-: 75.0 / 100 adequately sourced, 13 findings: ok"


def test_usage_errors_exit_2():
    assert run("audit").returncode == 2
    assert run("no-such-command").returncode == 2


def test_a_house_boilerplate_file_extends_the_shipped_patterns(tmp_path):
    house = tmp_path / "house.toml"
    house.write_text(
        '[[pattern]]\nid = "podcast-promo"\nscope = "paragraph"\nmatch = "^listen to our podcast"\n'
    )
    article = tmp_path / "a.txt"
    article.write_text(
        "Minister resigns\nThe minister resigned on Tuesday.\nListen to our podcast on Fridays\n"
    )
    result = run("structure", "--boilerplate", str(house), str(article))
    assert result.returncode == 0, result.stderr
    assert "  3:1  [podcast-promo] Listen to our podcast on Fridays" in result.stdout.splitlines()


def test_a_malformed_boilerplate_file_is_a_usage_error_naming_file_and_pattern(tmp_path):
    house = tmp_path / "house.toml"
    house.write_text('[[pattern]]\nid = "promo"\nscope = "page"\nmatch = "x"\n')
    result = run("audit", "--boilerplate", str(house), str(REWRITE))
    assert result.returncode == 2
    assert (
        result.stderr
        == f"scorer: error: {house} [promo]: 'scope' must be one of paragraph, sentence, block, not 'page'\n"
    )
    assert result.stdout == ""
