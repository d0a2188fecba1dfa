"""What a run reads: sources expanded from paths, folders and globs, the files it will read,
and the audits in the order the sources were given, however many processes audit them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scorer.runs import audits
from scorer.runs import sources as found
from scorer.runs.outcome import Outcome
from tests.conftest import INDEPENDENT, REWRITE
from tests.runs.test_outputs import HOUSE_RULES


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "drafts" / "old").mkdir(parents=True)
    (tmp_path / "drafts" / ".hidden").mkdir()
    shutil.copy(INDEPENDENT, tmp_path / "drafts" / "b.txt")
    shutil.copy(REWRITE, tmp_path / "drafts" / "a.md")
    shutil.copy(REWRITE, tmp_path / "drafts" / "old" / "c.md")
    shutil.copy(REWRITE, tmp_path / "drafts" / ".hidden" / "d.txt")
    (tmp_path / "drafts" / "notes.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / ".scorer.toml").write_text('rules = ["house.toml"]\n')
    (tmp_path / "house.toml").write_text(HOUSE_RULES)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_folder_is_its_article_files_in_order_hidden_ones_passed_by(desk):
    assert found.expand(["drafts"]) == ["drafts/a.md", "drafts/b.txt", "drafts/old/c.md"]


def test_a_file_named_twice_is_audited_once_where_it_first_appears(desk):
    items = found.expand(["drafts/b.txt", "drafts/*.md", "./drafts/b.txt", "-", "http://x/a"])
    assert items == ["drafts/b.txt", "drafts/a.md", "-", "http://x/a"]


def test_a_folder_or_glob_with_nothing_is_an_outcome_with_an_error(desk):
    (nothing,) = found.expand(["drafts/*.docx"])
    assert isinstance(nothing, Outcome) and nothing.error is not None
    assert nothing.error.startswith("drafts/*.docx: no files match (")
    assert found.could_expand("drafts") and found.could_expand("*.md")
    assert not found.could_expand("drafts/b.txt")


def test_the_inputs_are_the_articles_then_the_configs_and_their_rule_files(desk):
    items = found.expand(["drafts/b.txt", "-"])
    assert list(found.inputs(items, None, ("extra.toml",))) == [
        ("the article", "drafts/b.txt"),
        ("the boilerplate file", "extra.toml"),
        ("the config file", str(desk / ".scorer.toml")),
        ("the rule file", str(desk / "house.toml")),
    ]


def test_audits_come_back_in_the_order_given_with_one_process_or_two(desk):
    items = found.expand(["drafts", "drafts/missing.txt"])
    seen: list[str] = []
    one = list(audits.audit_sources(items, audits.Options(), jobs=1))
    two = list(audits.audit_sources(items, audits.Options(), jobs=2, advance=seen.append))
    assert [o.source for o in one] == [o.source for o in two] == [*items[:3], "drafts/missing.txt"]
    assert [o.audit.to_dict() for o in one[:3]] == [o.audit.to_dict() for o in two[:3]]
    assert two[3].error == "drafts/missing.txt: no such file"
    assert seen == two  # advance saw each outcome, in order
