"""`scorer lsp` as an editor meets it: a subprocess, spoken to by pygls's LanguageClient."""

from __future__ import annotations

import asyncio

from lsprotocol import types as t

from tests.conftest import REWRITE
from tests.lsp.session import Session, at, capabilities, edit, full

SEED = REWRITE.read_text(encoding="utf-8")
UNDESCRIBED = "anonymous-source-undescribed"
DIRECTIVE = f"<!-- scorer: ignore {UNDESCRIBED} -- -->"
SCORE = "**scorer: 15.5 / 100 poorly sourced, 24 findings**"


def test_open_edit_hover_fix_save_close_and_exit(tmp_path):
    asyncio.run(_open_edit_hover_fix_save_close_and_exit(tmp_path))


async def _open_edit_hover_fix_save_close_and_exit(tmp_path):
    article = tmp_path / "rewrite.txt"
    article.write_text(SEED, encoding="utf-8")
    uri = article.as_uri()
    session = Session()
    try:
        started = await session.start(tmp_path, capabilities(["utf-16"]))
        caps = started.capabilities
        assert started.server_info is not None and started.server_info.name == "scorer"
        assert caps.position_encoding == t.PositionEncodingKind.Utf16
        assert isinstance(caps.text_document_sync, t.TextDocumentSyncOptions)
        assert caps.text_document_sync.change == t.TextDocumentSyncKind.Incremental
        assert caps.text_document_sync.save
        assert caps.hover_provider
        assert isinstance(caps.code_action_provider, t.CodeActionOptions)
        assert list(caps.code_action_provider.code_action_kinds or ()) == ["quickfix"]

        # Open: the seed's findings, each where `scorer check` says (7:67 is line 6,
        # character 66 here), as the severity its rule has, quoting its evidence.
        opened = await session.diagnostics(uri, session.open(uri, SEED), version=1)
        assert len(opened) == 24
        undescribed = next(d for d in opened if d.code == UNDESCRIBED)
        assert at(opened, UNDESCRIBED) == [(6, 66, 6, 87)]
        assert undescribed.severity == t.DiagnosticSeverity.Warning
        assert undescribed.source == "scorer"
        assert undescribed.message == (
            "'multiple sources' is anonymous, with no agency, side or role given"
        )
        assert at(opened, "headline-overstates") == [(0, 0, 0, 49)]
        assert at(opened, "hedge-density") == [(0, 0, 0, 49)]  # the whole document's
        assert "distinct-source-kinds" not in {d.code for d in opened}  # credit

        # Hover on the finding: it, its rule explained, the score; off it, the score.
        found = await session.hover(uri, 6, 70)
        assert found is not None and isinstance(found.contents, t.MarkupContent)
        assert found.contents.kind == t.MarkupKind.Markdown
        shown = found.contents.value
        assert (
            "**anonymous-source-undescribed** · warning · -3 points\n\n"
            "'multiple sources' is anonymous, with no agency, side or role given\n\n"
            "```text\n"
            "anonymous-source-undescribed: Anonymous source with no description\n"
        ) in shown
        assert "\ncosts:    -3 per finding, at most -6 a document; severity warning" in shown
        assert "\nwhy:      Readers cannot weigh a source they know nothing about." in shown
        assert shown.endswith("\n\n---\n\n" + SCORE)
        elsewhere = await session.hover(uri, 1, 0)
        assert elsewhere is not None and isinstance(elsewhere.contents, t.MarkupContent)
        assert elsewhere.contents.value == SCORE

        # An edit before the finding on its line: the range moves with it.
        mark = session.change(uri, 2, edit((6, 0), (6, 0), "Meanwhile, "))
        moved = await session.diagnostics(uri, mark, version=2)
        assert at(moved, UNDESCRIBED) == [(6, 77, 6, 98)]
        assert at(moved, "borrowed-reporting") == [(6, 11, 6, 38), (6, 77, 6, 98)]

        # The quick fix: a directive above the paragraph, its reason to write.
        fixes = await session.code_actions(uri, 6, 80)
        fix = next(
            a for a in fixes if a.title == f"Set aside {UNDESCRIBED} here (write the reason)"
        )
        assert fix.kind == t.CodeActionKind.QuickFix
        assert fix.edit is not None and fix.edit.changes is not None
        (inserted,) = fix.edit.changes[uri]
        assert inserted.range == t.Range(
            start=t.Position(line=6, character=0), end=t.Position(line=6, character=0)
        )
        assert inserted.new_text == DIRECTIVE + "\n"
        # Applied as the editor applies it: not yet set aside, and the directive says why.
        mark = session.change(uri, 3, edit((6, 0), (6, 0), inserted.new_text))
        pending = await session.diagnostics(uri, mark, version=3)
        assert at(pending, UNDESCRIBED) == [(7, 77, 7, 98)]
        assert at(pending, "directive") == [(6, 0, 6, len(DIRECTIVE))]
        (notice,) = [d for d in pending if d.code == "directive"]
        assert notice.message == "`scorer: ignore` needs a reason after ` -- `; it has no effect"
        # The writer types the reason after `-- `: the finding is set aside.
        typed = len(DIRECTIVE) - len("-->")
        mark = session.change(uri, 4, edit((6, typed), (6, typed), "Reuters's sources "))
        reasoned = await session.diagnostics(uri, mark, version=4)
        assert at(reasoned, UNDESCRIBED) == []
        assert at(reasoned, "directive") == []
        assert at(reasoned, "anonymous-source-no-reason") == [(4, 126, 4, 148), (7, 77, 7, 98)]

        # A burst of edits: the last wins, and nothing older is published after it.
        mark = len(session.published)
        for version in range(5, 9):
            session.change(uri, version, full(SEED.replace("multiple", "x" * version)))
        session.change(uri, 9, full(SEED))
        latest = await session.diagnostics(uri, mark, version=9)
        assert latest == opened
        await session.hover(uri, 6, 70)  # a round trip: all sent before it has arrived
        versions = [p.version for p in session.published[mark:] if p.uri == uri]
        assert versions == sorted(versions) and versions[-1] == 9

        # Save audits again; close clears the document's diagnostics.
        mark = len(session.published)
        session.client.text_document_did_save(
            t.DidSaveTextDocumentParams(text_document=t.TextDocumentIdentifier(uri=uri))
        )
        assert await session.diagnostics(uri, mark, version=9) == opened
        mark = len(session.published)
        session.client.text_document_did_close(
            t.DidCloseTextDocumentParams(text_document=t.TextDocumentIdentifier(uri=uri))
        )
        assert await session.diagnostics(uri, mark) == []
        assert await session.hover(uri, 6, 70) is None

        assert session.messages == []
        assert await session.stop() == 0
    finally:
        await session.kill()


def test_untitled_documents_get_the_defaults_and_other_languages_nothing(tmp_path):
    asyncio.run(_untitled_and_other_languages(tmp_path))


async def _untitled_and_other_languages(tmp_path):
    (tmp_path / ".scorer.toml").write_text(f'disable = ["{UNDESCRIBED}"]\n', encoding="utf-8")
    python = (tmp_path / "tool.py").as_uri()
    untitled = "untitled:Untitled-1"
    session = Session()
    try:
        await session.start(tmp_path)
        mark = session.open(python, SEED, language="python")
        session.open(untitled, SEED, language="markdown")
        # The server is started in the folder with the config: an untitled document is
        # no file of it, and gets the defaults.
        shown = await session.diagnostics(untitled, mark, version=1)
        assert at(shown, UNDESCRIBED) == [(6, 66, 6, 87)]
        # The Python file was opened first; an audit of it would have been published first.
        assert [p.uri for p in session.published] == [untitled]
        assert await session.hover(python, 6, 70) is None
        assert await session.stop() == 0
    finally:
        await session.kill()
