"""Positions in the encoding the client and server agree on, past an emoji on the line.

scorer counts code points; an emoji is one, but two UTF-16 units and four UTF-8 bytes, so
each encoding puts the finding after it at another character: exact in each, edits too.
"""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types as t

from tests.conftest import REWRITE
from tests.lsp.session import Session, at, capabilities, edit

SEED = REWRITE.read_text(encoding="utf-8")
# Line 7 (6 here) with an emoji at character 38, before 'multiple sources tell' (code
# points 68 to 89 once it is there).
WITH_EMOJI = SEED.replace("reported yesterday that", "reported yesterday 🙂 that", 1)
# In Markdown, emoji where the text is blanked (front matter, inline code) count as well.
MARKDOWN = (
    "---\ntitle: Habib 🙂 defects\n---\n\n# Habib 🙂 defects\n\n"
    "Syrian state media reported yesterday that Habib was at home, but `📺` multiple "
    "sources tell Reuters that he crossed the border.\n"
)
UNDESCRIBED = "anonymous-source-undescribed"

CASES = [
    # offered, chosen, the finding in the text, in the Markdown, the emoji's width
    pytest.param(None, "utf-16", (6, 69, 6, 90), (6, 71, 6, 92), 2, id="default-utf-16"),
    pytest.param(["utf-8", "utf-16"], "utf-8", (6, 71, 6, 92), (6, 73, 6, 94), 4, id="utf-8"),
    pytest.param(["utf-32"], "utf-32", (6, 68, 6, 89), (6, 70, 6, 91), 1, id="utf-32"),
    pytest.param(
        ["utf-16", "utf-32"], "utf-32", (6, 68, 6, 89), (6, 70, 6, 91), 1, id="utf-32-second"
    ),
]


@pytest.mark.parametrize(("offered", "chosen", "in_text", "in_markdown", "width"), CASES)
def test_ranges_hovers_fixes_and_edits_after_an_emoji(
    tmp_path, offered, chosen, in_text, in_markdown, width
):
    asyncio.run(_after_an_emoji(tmp_path, offered, chosen, in_text, in_markdown, width))


async def _after_an_emoji(tmp_path, offered, chosen, in_text, in_markdown, width):
    text_uri = (tmp_path / "emoji.txt").as_uri()
    markdown_uri = (tmp_path / "emoji.md").as_uri()
    session = Session()
    try:
        started = await session.start(tmp_path, capabilities(offered))
        assert started.capabilities.position_encoding == chosen

        shown = await session.diagnostics(text_uri, session.open(text_uri, WITH_EMOJI))
        assert at(shown, UNDESCRIBED) == [in_text]
        found = await session.hover(text_uri, 6, in_text[1])  # its first character
        assert found is not None and isinstance(found.contents, t.MarkupContent)
        assert "**anonymous-source-undescribed** · warning" in found.contents.value
        before = await session.hover(text_uri, 6, in_text[1] - 1)  # the space before it
        assert before is not None and isinstance(before.contents, t.MarkupContent)
        assert "anonymous-source-undescribed" not in before.contents.value
        fixes = await session.code_actions(text_uri, 6, in_text[1] + 3)
        assert f"Set aside {UNDESCRIBED} here (write the reason)" in [a.title for a in fixes]

        # Take the emoji and its space out, as the client counts them: the line is plain
        # ASCII again, and the finding where the seed has it.
        mark = session.change(text_uri, 2, edit((6, 38), (6, 38 + width + 1), ""))
        assert at(await session.diagnostics(text_uri, mark, 2), UNDESCRIBED) == [(6, 66, 6, 87)]

        mark = session.open(markdown_uri, MARKDOWN, language="markdown")
        shown = await session.diagnostics(markdown_uri, mark)
        assert at(shown, UNDESCRIBED) == [in_markdown]
        assert await session.stop() == 0
    finally:
        await session.kill()
