"""Malformed messages get JSON-RPC errors, and the server answers the next request."""

from __future__ import annotations

import asyncio

from tests.conftest import REWRITE
from tests.lsp.session import Raw

SEED = REWRITE.read_text(encoding="utf-8")


def test_malformed_messages_are_answered_with_errors_and_the_server_goes_on(tmp_path):
    asyncio.run(_malformed(tmp_path))


async def _malformed(tmp_path):
    uri = (tmp_path / "rewrite.txt").as_uri()
    server = Raw()
    await server.start(tmp_path)
    try:
        nowhere = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
        early = await server.request(0, "textDocument/hover", nowhere)
        assert early["error"] == {"code": -32002, "message": "the server is not initialized yet"}
        started = await server.request(1, "initialize", {"processId": None, "capabilities": {}})
        assert started["result"]["capabilities"]["positionEncoding"] == "utf-16"
        server.notify("initialized", {})
        item = {"uri": uri, "languageId": "plaintext", "version": 1, "text": SEED}
        server.notify("textDocument/didOpen", {"textDocument": item})
        while (message := await server.read()).get("method") != "textDocument/publishDiagnostics":
            pass
        assert len(message["params"]["diagnostics"]) == 24

        server.send(b'{"jsonrpc": "2.0", "id": 2, "method": ')  # cut off
        said = await server.answer(None)
        assert said["id"] is None  # as JSON-RPC says: no id could be read
        assert said["error"]["code"] == -32700  # parse error

        server.send([1, 2])  # JSON, but no JSON-RPC message
        said = await server.answer(None)
        assert said["id"] is None
        assert said["error"] == {
            "code": -32600,
            "message": "Invalid Request: not a JSON-RPC 2.0 message",
        }

        wrong = await server.request(3, "textDocument/hover", {"textDocument": 5})
        assert wrong["error"] == {
            "code": -32602,
            "message": "Invalid Params: invalid value for type, expected str @ "
            "$.params.text_document.uri; required field missing @ $.params.position",
        }

        position = {"line": "seven", "character": 70}
        wrong = await server.request(
            4, "textDocument/hover", {"textDocument": {"uri": uri}, "position": position}
        )
        assert wrong["error"] == {
            "code": -32602,
            "message": "Invalid Params: invalid value for type, expected int @ $.params.position.line",
        }

        assert (await server.request(5, "scorer/nothing", {}))["error"]["code"] == -32601

        # A lone surrogate, which JSON can carry and no file can hold: read, not a crash.
        broken = {**item, "uri": uri + "-2", "text": SEED.replace("media", "media\ud800", 1)}
        server.notify("textDocument/didOpen", {"textDocument": broken})
        while (message := await server.read()).get("method") != "textDocument/publishDiagnostics":
            pass
        assert message["params"]["uri"] == uri + "-2"
        assert len(message["params"]["diagnostics"]) == 24

        server.notify("textDocument/didChange", {"nothing": "here"})  # no answer is due
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri}})

        hover = {"textDocument": {"uri": uri}, "position": {"line": 6, "character": 70}}
        answered = await server.request(6, "textDocument/hover", hover)
        contents = answered["result"]["contents"]
        assert contents["kind"] == "plaintext"  # the client named no markup it reads
        assert (
            "\n\nanonymous-source-undescribed (warning, -3 points): 'multiple sources' is "
            "anonymous, with no agency, side or role given\n\n"
        ) in contents["value"]

        assert await server.request(7, "shutdown") == {"jsonrpc": "2.0", "id": 7, "result": None}
        late = await server.request(8, "textDocument/hover", hover)  # answered, not dropped
        assert late["error"] == {"code": -32600, "message": "the server is shut down: send exit"}
        server.notify("exit")
        assert await server.exit_code() == 0
        assert b"Traceback" not in server.stderr
    finally:
        if server.process and server.process.returncode is None:
            server.process.kill()
            await server.process.wait()


def test_exit_without_shutdown_is_1_and_a_closed_pipe_ends_the_server(tmp_path):
    asyncio.run(_ends(tmp_path))


async def _ends(tmp_path):
    first, second = Raw(), Raw()
    await first.start(tmp_path)
    await second.start(tmp_path)
    try:
        await first.request(1, "initialize", {"processId": None, "capabilities": {}})
        first.notify("exit")
        assert await first.exit_code() == 1  # as LSP asks: exit without shutdown

        await second.request(1, "initialize", {"processId": None, "capabilities": {}})
        assert second.process is not None and second.process.stdin is not None
        second.process.stdin.close()  # the editor went away
        assert await second.exit_code() == 1
    finally:
        for raw in (first, second):
            if raw.process and raw.process.returncode is None:
                raw.process.kill()
                await raw.process.wait()
