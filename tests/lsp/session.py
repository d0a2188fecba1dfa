"""Drive the real `scorer lsp` as an editor does: a subprocess spoken to over stdio.

`Session` uses pygls's own LanguageClient; `Raw` writes and reads JSON-RPC frames itself,
to send what no client would (broken JSON, params of the wrong shape). Every wait has a
generous timeout that only guards against a hang; no test asserts how long anything took.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient

WAIT = 120.0  # seconds: a failure guard for a busy machine, never a measurement
SERVER = (sys.executable, "-m", "scorer", "lsp")


def capabilities(
    encodings: list[str] | None = None, *, markdown: bool = True
) -> t.ClientCapabilities:
    general = None
    if encodings is not None:
        general = t.GeneralClientCapabilities(
            position_encodings=[t.PositionEncodingKind(e) for e in encodings]
        )
    formats = [t.MarkupKind.Markdown, t.MarkupKind.PlainText] if markdown else None
    return t.ClientCapabilities(
        general=general,
        text_document=t.TextDocumentClientCapabilities(
            hover=t.HoverClientCapabilities(content_format=formats)
        ),
    )


class Session:
    """One server and the pygls client talking to it; what the server sent is kept."""

    def __init__(self) -> None:
        self.client = LanguageClient("scorer-tests", "0")
        self.published: list[t.PublishDiagnosticsParams] = []
        self.messages: list[t.ShowMessageParams] = []
        self.stderr: list[str] = []
        self._arrived = asyncio.Event()
        self.initialized: t.InitializeResult | None = None
        self._drainer: asyncio.Future[None] | None = None

        @self.client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: t.PublishDiagnosticsParams) -> None:
            self.published.append(params)
            self._arrived.set()

        @self.client.feature(t.WINDOW_SHOW_MESSAGE)
        def _shown(params: t.ShowMessageParams) -> None:
            self.messages.append(params)
            self._arrived.set()

    async def start(
        self, cwd: Path, caps: t.ClientCapabilities | None = None
    ) -> t.InitializeResult:
        await self.client.start_io(*SERVER, cwd=str(cwd))
        process = self.client._server
        assert process is not None and process.stderr is not None
        self._drainer = asyncio.ensure_future(self._drain(process.stderr))
        params = t.InitializeParams(
            capabilities=caps or capabilities(), root_uri=cwd.as_uri(), process_id=None
        )
        self.initialized = await asyncio.wait_for(self.client.initialize_async(params), WAIT)
        self.client.initialized(t.InitializedParams())
        return self.initialized

    async def _drain(self, stream: asyncio.StreamReader) -> None:
        """Read the server's stderr as it comes: a full pipe would stop the server."""
        while line := await stream.readline():
            self.stderr.append(line.decode("utf-8", "replace"))

    def open(self, uri: str, text: str, language: str = "plaintext", version: int = 1) -> int:
        """didOpen; returns the mark to wait for what comes after it."""
        mark = len(self.published)
        item = t.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
        self.client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=item))
        return mark

    def change(self, uri: str, version: int, *changes: t.TextDocumentContentChangeEvent) -> int:
        mark = len(self.published)
        document = t.VersionedTextDocumentIdentifier(uri=uri, version=version)
        self.client.text_document_did_change(
            t.DidChangeTextDocumentParams(text_document=document, content_changes=list(changes))
        )
        return mark

    async def diagnostics(
        self, uri: str, mark: int = 0, version: int | None = None
    ) -> list[t.Diagnostic]:
        """The first publication for `uri` (and `version`) after `mark`."""
        found = await self.until(
            lambda: next(
                (
                    p
                    for p in self.published[mark:]
                    if p.uri == uri and (version is None or p.version == version)
                ),
                None,
            )
        )
        return list(found.diagnostics)

    async def until(self, found: Any) -> Any:
        """Wait until `found()` is something, and return it."""

        async def wait() -> Any:
            while (value := found()) is None:
                self._arrived.clear()
                if (value := found()) is not None:
                    return value
                await self._arrived.wait()
            return value

        try:
            return await asyncio.wait_for(wait(), WAIT)
        except TimeoutError:
            raise AssertionError("the server said nothing: " + "".join(self.stderr)) from None

    async def hover(self, uri: str, line: int, character: int) -> t.Hover | None:
        params = t.HoverParams(
            text_document=t.TextDocumentIdentifier(uri=uri),
            position=t.Position(line=line, character=character),
        )
        return await asyncio.wait_for(self.client.text_document_hover_async(params), WAIT)

    async def code_actions(
        self, uri: str, line: int, character: int, end: tuple[int, int] | None = None
    ) -> list[t.CodeAction]:
        start = t.Position(line=line, character=character)
        stop = t.Position(line=end[0], character=end[1]) if end else start
        params = t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=uri),
            range=t.Range(start=start, end=stop),
            context=t.CodeActionContext(diagnostics=[]),
        )
        found = await asyncio.wait_for(self.client.text_document_code_action_async(params), WAIT)
        return [a for a in found or [] if isinstance(a, t.CodeAction)]

    async def stop(self) -> int:
        """shutdown, exit, and the server's exit code."""
        await asyncio.wait_for(self.client.shutdown_async(None), WAIT)
        self.client.exit(None)
        process = self.client._server
        assert process is not None
        code = await asyncio.wait_for(process.wait(), WAIT)
        await asyncio.wait_for(self.client.stop(), WAIT)
        return code

    async def kill(self) -> None:
        process = self.client._server
        if process is not None and process.returncode is None:
            process.kill()
            await process.wait()


def full(text: str) -> t.TextDocumentContentChangeWholeDocument:
    return t.TextDocumentContentChangeWholeDocument(text=text)


def edit(
    start: tuple[int, int], end: tuple[int, int], text: str
) -> t.TextDocumentContentChangePartial:
    return t.TextDocumentContentChangePartial(
        range=t.Range(
            start=t.Position(line=start[0], character=start[1]),
            end=t.Position(line=end[0], character=end[1]),
        ),
        text=text,
    )


def at(diagnostics: list[t.Diagnostic], code: str) -> list[tuple[int, int, int, int]]:
    """The ranges of the diagnostics with this code, as (line, char, end line, end char)."""
    return [
        (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
        for d in diagnostics
        if d.code == code
    ]


class Raw:
    """The server spoken to in raw JSON-RPC frames, to send what a client would not."""

    def __init__(self) -> None:
        self.process: asyncio.subprocess.Process | None = None
        self.stderr = b""
        self._drainer: asyncio.Future[None] | None = None

    async def start(self, cwd: Path) -> None:
        self.process = await asyncio.create_subprocess_exec(
            *SERVER,
            cwd=str(cwd),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        assert self.process.stderr is not None
        self._drainer = asyncio.ensure_future(self._drain(self.process.stderr))

    async def _drain(self, stream: asyncio.StreamReader) -> None:
        while chunk := await stream.read(65536):
            self.stderr += chunk

    def send(self, body: bytes | dict[str, Any] | list[Any]) -> None:
        assert self.process is not None and self.process.stdin is not None
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)

    async def read(self) -> dict[str, Any]:
        """The next message the server sends."""
        assert self.process is not None and self.process.stdout is not None
        stdout = self.process.stdout

        async def frame() -> dict[str, Any]:
            length = 0
            while (line := await stdout.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length, f"no frame: {self.stderr.decode(errors='replace')}"
            return json.loads(await stdout.readexactly(length))

        return await asyncio.wait_for(frame(), WAIT)

    async def answer(self, msg_id: Any) -> dict[str, Any]:
        """The response to `msg_id`, passing by the notifications sent before it."""
        while True:
            message = await self.read()
            if "method" not in message and "id" in message and message["id"] == msg_id:
                return message

    async def request(self, msg_id: Any, method: str, params: Any = None) -> dict[str, Any]:
        self.send({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
        return await self.answer(msg_id)

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    async def exit_code(self) -> int:
        assert self.process is not None
        return await asyncio.wait_for(self.process.wait(), WAIT)
