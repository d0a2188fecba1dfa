"""Nothing a user wrote is ever lost: no output replaces an input, every write is whole.

Through the real command line: each road by which an output can name one of the run's own
inputs (however the path is spelled or linked) ends in one line, exit 2, and every input
byte for byte as it was; a report written into a folder of articles is not audited by the
next run over that folder; an output killed halfway through its write leaves the old file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from scorer.errors import ScorerError
from scorer.runs.outputs import is_report, refuse_clashes, write_text
from tests.conftest import INDEPENDENT, REWRITE, ROOT, held

HOUSE_RULES = """\
[[rule]]
id = "house-hedge"
title = "Any hedge"
category = "hedging"
severity = "info"
scope = "signal"
when = "kind == 'hedge'"
points = -1
message = "hedge: {text}"
why = "House style."
example = "He may resign."
"""


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scorer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "100", "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A newsroom folder: two drafts, a house config with a rule file, a boilerplate file,
    a corpus, and a pyproject.toml of some other project."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy(INDEPENDENT, drafts / "story.txt")
    shutil.copy(REWRITE, drafts / "rewrite.md")
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "rules.toml").write_text(HOUSE_RULES)
    (tmp_path / ".scorer.toml").write_text('rules = ["house/rules.toml"]\n')
    (tmp_path / "furniture.toml").write_text(
        '[[pattern]]\nid = "house-promo"\ndescription = "Our promotion."\nscope = "paragraph"\nmatch = "^Buy the paper"\n'
    )
    corpus = [{"id": "a", "text": INDEPENDENT.read_text()}]
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in corpus))
    return tmp_path


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` (links as their targets), by content."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


# Each road: (what to set up, the command's arguments, the message). The set-up may add
# links; the command runs in the desk folder.
def _symlink(name: str, to: str) -> Callable[[Path], None]:
    return lambda desk: os.symlink(to, desk / name)


def _hardlink(name: str, to: str) -> Callable[[Path], None]:
    return lambda desk: os.link(desk / to, desk / name)


def _pyproject(desk: Path) -> None:
    (desk / "drafts" / "pyproject.toml").write_text('[project]\nname = "paper"\n')


def _nothing(desk: Path) -> None:
    pass


STORY = "is the article drafts/story.txt"
ROADS = [
    ("same-path", _nothing, ["audit", "drafts/story.txt", "-o", "drafts/story.txt"],
     f"--output drafts/story.txt {STORY}"),
    ("dot-spelling", _nothing, ["audit", "drafts/story.txt", "-o", "./drafts/./story.txt"],
     f"--output ./drafts/./story.txt {STORY}"),
    ("parent-spelling", _nothing, ["audit", "drafts/story.txt", "-o", "house/../drafts/story.txt"],
     f"--output house/../drafts/story.txt {STORY}"),
    ("absolute", _nothing, ["audit", "drafts/story.txt", "-o", "{desk}/drafts/story.txt"],
     f"--output {{desk}}/drafts/story.txt {STORY}"),
    ("output-is-a-link-to-it", _symlink("report.txt", "drafts/story.txt"),
     ["audit", "drafts/story.txt", "-o", "report.txt"], f"--output report.txt {STORY}"),
    ("input-is-a-link", _symlink("story-link.txt", "drafts/story.txt"),
     ["audit", "story-link.txt", "-o", "drafts/story.txt"],
     "--output drafts/story.txt is the article story-link.txt"),
    ("link-to-the-folder", _symlink("desk-link", "drafts"),
     ["audit", "drafts/story.txt", "-o", "desk-link/story.txt"], f"--output desk-link/story.txt {STORY}"),
    ("hard-link", _hardlink("copy.txt", "drafts/story.txt"),
     ["audit", "drafts/story.txt", "-o", "copy.txt"], f"--output copy.txt {STORY}"),
    ("folder-holds-it", _nothing, ["audit", "drafts", "-o", "drafts/rewrite.md"],
     "--output drafts/rewrite.md is the article drafts/rewrite.md"),
    ("glob-holds-it", _nothing, ["check", "drafts/*.txt", "-f", "sarif", "-o", "drafts/story.txt"],
     f"--output drafts/story.txt {STORY}"),
    ("check-concise", _nothing, ["check", "drafts/story.txt", "-o", "drafts/story.txt"],
     f"--output drafts/story.txt {STORY}"),
    ("found-config", _nothing, ["audit", "drafts/story.txt", "-o", ".scorer.toml"],
     "--output .scorer.toml is the config file {desk}/.scorer.toml"),
    ("named-config", _nothing,
     ["audit", "drafts/story.txt", "--config", ".scorer.toml", "-o", "./.scorer.toml"],
     "--output ./.scorer.toml is the config file .scorer.toml"),
    ("config-rule-file", _nothing, ["check", "drafts/story.txt", "-o", "house/rules.toml"],
     "--output house/rules.toml is the rule file {desk}/house/rules.toml"),
    ("pyproject-looked-into", _pyproject, ["audit", "drafts/story.txt", "-o", "drafts/pyproject.toml"],
     "--output drafts/pyproject.toml is the config file {desk}/drafts/pyproject.toml"),
    ("boilerplate-file", _nothing,
     ["audit", "drafts/story.txt", "--boilerplate", "furniture.toml", "-o", "furniture.toml"],
     "--output furniture.toml is the boilerplate file furniture.toml"),
    ("batch-corpus", _nothing, ["batch", "corpus.jsonl", "--out", "./corpus.jsonl"],
     "OUTPUT ./corpus.jsonl is the corpus corpus.jsonl"),
    ("batch-corpus-link", _symlink("scores.jsonl", "corpus.jsonl"),
     ["batch", "corpus.jsonl", "--out", "scores.jsonl"], "OUTPUT scores.jsonl is the corpus corpus.jsonl"),
    ("batch-config", _nothing, ["batch", "corpus.jsonl", "--out", ".scorer.toml", "--output-format", "jsonl"],
     "OUTPUT .scorer.toml is the config file {desk}/.scorer.toml"),
    ("batch-sidecar-is-the-corpus", lambda d: shutil.copy(d / "corpus.jsonl", d / "s.parquet.partial.jsonl"),
     ["batch", "s.parquet.partial.jsonl", "--out", "s.parquet"],
     "OUTPUT's sidecar s.parquet.partial.jsonl is the corpus s.parquet.partial.jsonl"),
]  # fmt: skip
ROADS = [
    (*road[:3], road[3] + ", an input of this run: nothing was written; choose another file")
    for road in ROADS
]


@pytest.mark.parametrize(
    ("setup", "args", "message"), [r[1:] for r in ROADS], ids=[r[0] for r in ROADS]
)
def test_an_output_that_is_an_input_is_refused_and_every_input_is_kept(desk, setup, args, message):
    setup(desk)
    before = _fingerprint(desk)
    result = run(*[a.format(desk=desk) for a in args], cwd=desk)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"scorer: error: {message.format(desk=desk)}\n"
    assert _fingerprint(desk) == before


def test_standard_input_is_no_file_and_cannot_clash(desk):
    story = desk / "drafts" / "story.txt"
    result = run(
        "audit", "-", "-f", "json", "-o", "drafts/story.txt", cwd=desk, stdin=story.read_text()
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(story.read_text())["document"]["source"] == "<stdin>"


def test_two_outputs_of_one_run_cannot_be_one_file(desk, monkeypatch):
    monkeypatch.chdir(desk)
    (desk / "old.sarif").write_text("{}")
    os.symlink("old.sarif", desk / "link.sarif")
    for first, second in [("./r.sarif", "r.sarif"), ("old.sarif", "link.sarif")]:
        with pytest.raises(ScorerError) as caught:
            refuse_clashes([("--output", first), ("--sarif", second)], [])
        assert str(caught.value) == f"--sarif {second} is the same file as --output {first}"


# Reports among the articles


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("plain", "report.txt"), ("rich", "report.txt"), ("html", "report.html"),
        ("markdown", "report.md"), ("json", "report.txt"), ("sarif", "report.txt"),
        ("github", "report.txt"), ("concise", "report.md"),
    ],
)  # fmt: skip
def test_a_report_written_into_the_folder_is_not_audited_by_the_next_run(desk, fmt, name):
    first = run("check", "drafts", "-f", fmt, "-o", f"drafts/{name}", "--fail-on", "none", cwd=desk)
    assert first.returncode == 0, first.stderr
    assert is_report(str(desk / "drafts" / name))
    again = run("check", "drafts", "-f", "json", "--fail-on", "none", cwd=desk)
    assert [r["document"]["source"] for r in json.loads(again.stdout)] == [
        "drafts/rewrite.md",
        "drafts/story.txt",
    ]
    globbed = run("check", "drafts/*", "-f", "json", "--fail-on", "none", cwd=desk)
    assert len(json.loads(globbed.stdout)) == 2
    # Written again over itself: the report is no input, so this is no clash.
    assert run("check", "drafts", "-f", "json", "-o", f"drafts/{name}", cwd=desk).returncode == 1


def test_articles_are_not_reports():
    for article in (INDEPENDENT, REWRITE, *sorted((ROOT / "tests" / "fixtures").rglob("*.*"))):
        assert not is_report(str(article)), article


# Atomic writes


def test_a_report_killed_halfway_through_its_write_leaves_the_old_one_whole(desk):
    first = run("audit", "drafts/story.txt", "-f", "html", "-o", "report.html", cwd=desk)
    assert first.returncode == 0, first.stderr
    old = (desk / "report.html").read_bytes()
    args = ["audit", "drafts/rewrite.md", "-f", "html", "-o", "report.html"]
    process = held(args, "write", desk.parent / f"{desk.name}.held", cwd=desk)
    (temporary,) = [p for p in desk.iterdir() if p.name.startswith(".report.html.")]
    assert 0 < temporary.stat().st_size < len(old)  # half of the new report, on disk
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert (desk / "report.html").read_bytes() == old
    # The half-written file is hidden: no run over the folder reads it as an article.
    assert temporary.name.endswith(".tmp") and temporary.name.startswith(".")


def test_ctrl_c_during_a_write_leaves_the_old_file_and_no_temporary_one(desk):
    (desk / "report.json").write_text("the old report\n")
    args = ["check", "drafts", "-f", "json", "-o", "report.json"]
    hold_file = desk.parent / f"{desk.name}.held"
    process = held(args, "write", hold_file, cwd=desk, stderr=subprocess.PIPE, text=True)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=300)
    assert (process.returncode, stderr) == (130, "scorer: interrupted\n")
    assert (desk / "report.json").read_text() == "the old report\n"
    assert not [p for p in desk.iterdir() if p.name.startswith(".report.json.")]


def test_a_replaced_file_keeps_its_permissions_and_a_link_stays_a_link(tmp_path):
    target = tmp_path / "real" / "report.md"
    target.parent.mkdir()
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "report.md"
    link.symlink_to(target)
    write_text(str(link), "new\n")
    assert link.is_symlink() and link.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.md"
    write_text(str(fresh), "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.md", "real", "report.md"]


def test_a_parquet_output_is_folded_in_keeping_its_permissions_through_a_link(desk):
    pytest.importorskip("pyarrow")
    (desk / "out").mkdir()
    real = desk / "out" / "scores.parquet"
    link = desk / "scores.parquet"
    link.symlink_to(real)
    first = run("batch", "corpus.jsonl", "--out", "scores.parquet", cwd=desk)
    assert first.returncode == 0, first.stderr
    real.chmod(0o600)
    more = {"id": "b", "text": REWRITE.read_text()}
    with (desk / "corpus.jsonl").open("a") as corpus:
        corpus.write(json.dumps(more) + "\n")
    again = run("batch", "corpus.jsonl", "--out", "scores.parquet", cwd=desk)
    assert again.returncode == 0, again.stderr
    assert again.stderr.startswith("scorer: 1 scored, 0 error rows, 1 skipped")
    assert link.is_symlink() and stat.S_IMODE(real.stat().st_mode) == 0o600
    assert sorted(p.name for p in (desk / "out").iterdir()) == ["scores.parquet"]


def test_a_summary_is_appended_to_never_replaced(tmp_path):
    from scorer.runs.outputs import append_text

    summary = tmp_path / "summary.md"
    summary.write_text("## lint\nall clear\n", encoding="utf-8")
    append_text(str(summary), "### scorer\n")
    append_text(str(tmp_path / "new.md"), "### scorer\n")
    assert summary.read_text(encoding="utf-8") == "## lint\nall clear\n### scorer\n"
    assert (tmp_path / "new.md").read_text(encoding="utf-8") == "### scorer\n"
    with pytest.raises(ScorerError) as caught:
        append_text(str(tmp_path), "x")
    assert str(caught.value) == f"{tmp_path}: cannot append the summary: Is a directory"


def test_a_report_to_a_device_or_pipe_is_written_into_it_never_renamed_over_it(tmp_path):
    from scorer.runs.outputs import write_text

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    import threading

    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_text(str(fifo), "report\n")
    reader.join(timeout=60)
    assert received == [b"report\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still the pipe, not a file put in its place
    write_text(os.devnull, "report\n")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
