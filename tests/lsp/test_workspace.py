"""Each document under the config of its folder, read again as it changes; a bad config
is one message a problem, and a line on each document it keeps from being audited."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from lsprotocol import types as t

from scorer.config import load
from scorer.errors import ScorerError
from tests.cli.test_cli_rules import HOUSE_RULE
from tests.conftest import REWRITE
from tests.lsp.session import Session, at, edit

SEED = REWRITE.read_text(encoding="utf-8")


class Files:
    """Files written with mtimes a second apart: a config read again must look changed,
    however fast the test writes (some file systems keep mtimes to a few milliseconds)."""

    def __init__(self) -> None:
        self.clock = time.time_ns()

    def write(self, path: Path, text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        self.clock += 1_000_000_000
        os.utime(path, ns=(self.clock, self.clock))
        return path


def problem(config: Path) -> str:
    """What scorer says of this config file when it loads it for a run."""
    from scorer.scoring.audit import rule_set

    try:
        rule_set(load(config))
    except ScorerError as error:
        return str(error)
    raise AssertionError("the config loads")


def test_configs_apply_per_folder_are_read_again_and_problems_said_once(tmp_path):
    asyncio.run(_configs(tmp_path))


async def _configs(tmp_path):
    files = Files()
    desk = tmp_path / "desk"
    desk.mkdir()
    config = files.write(desk / ".scorer.toml", 'disable = ["anonymous-source-undescribed"]\n')
    article, draft = desk / "a.txt", desk / "b.md"
    a, b = article.as_uri(), draft.as_uri()
    session = Session()

    async def watched(*uris: str) -> dict[str, list[t.Diagnostic]]:
        """Tell the server the config changed; the documents' next diagnostics."""
        mark = len(session.published)
        event = t.FileEvent(uri=config.as_uri(), type=t.FileChangeType.Changed)
        session.client.workspace_did_change_watched_files(
            t.DidChangeWatchedFilesParams(changes=[event])
        )
        return {uri: await session.diagnostics(uri, mark) for uri in uris}

    try:
        await session.start(tmp_path)
        shown = await session.diagnostics(a, session.open(a, SEED))
        assert at(shown, "anonymous-source-undescribed") == []  # disabled in the folder
        assert at(shown, "anonymous-source-no-reason") == [(4, 126, 4, 148), (6, 66, 6, 87)]

        # A config naming a rule that is not there: one message, whatever meets it.
        files.write(config, 'disable = ["no-such-rule"]\n')
        unknown = problem(config)
        assert unknown == f"{config.resolve()}: disable: no rule with id 'no-such-rule'"
        mark = session.open(b, SEED, language="markdown")
        not_audited = t.Diagnostic(
            range=t.Range(
                start=t.Position(line=0, character=0), end=t.Position(line=0, character=49)
            ),
            severity=t.DiagnosticSeverity.Error,
            code="not-audited",
            source="scorer",
            message=f"not audited: {unknown}",
        )
        assert await session.diagnostics(b, mark) == [not_audited]
        assert (await watched(a))[a] == [not_audited]
        mark = session.change(a, 2, edit((0, 0), (0, 0), "Breaking: "))
        assert len(await session.diagnostics(a, mark, version=2)) == 1
        assert [(m.type, m.message) for m in session.messages] == [
            (t.MessageType.Error, f"scorer: {unknown}")
        ]

        # Another problem is said once more.
        files.write(config, "disable = [\n")
        broken = problem(config)
        assert broken.startswith(f"{config.resolve()}:1: invalid TOML")
        both = await watched(a, b)
        assert [d.message for d in both[a]] == [f"not audited: {broken}"]
        assert [d.message for d in both[b]] == [f"not audited: {broken}"]
        assert [m.message for m in session.messages] == [f"scorer: {unknown}", f"scorer: {broken}"]

        # Fixed, with a house rule file; the rule file edited is read again too.
        house = files.write(desk / "house.toml", HOUSE_RULE)
        files.write(config, 'rules = ["house.toml"]\n')
        house_findings = [d.message for d in (await watched(a))[a] if d.code == "house-test"]
        assert house_findings[:2] == ["hedge 'reportedly'", "hedge 'may'"]
        files.write(house, HOUSE_RULE.replace('message = "hedge', 'message = "house hedge'))
        house_findings = [d.message for d in (await watched(a, b))[a] if d.code == "house-test"]
        assert house_findings[:2] == ["house hedge 'reportedly'", "house hedge 'may'"]
        assert len(session.messages) == 2

        # Gone, then back: said again.
        files.write(config, 'disable = ["no-such-rule"]\n')
        await watched(a, b)
        assert [m.message for m in session.messages][2:] == [f"scorer: {unknown}"]
        assert await session.stop() == 0
    finally:
        await session.kill()
