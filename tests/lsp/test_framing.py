"""Reading LSP messages whatever the framing: one bad message must not leave the server deaf."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from threading import Event
from typing import Any

import pytest

from scorer.lsp.framing import read_messages

SHUTDOWN = b'{"jsonrpc":"2.0","id":7,"method":"shutdown"}'
BODY = b'{"jsonrpc":"2.0","method":"foo/bar","params":{}}'


class Reader:
    def __init__(self, data: bytes) -> None:
        self.stream = io.BytesIO(data)

    async def readline(self) -> bytes:
        return self.stream.readline()

    async def readexactly(self, n: int) -> bytes:
        return self.stream.read(n)


class Protocol:
    def __init__(self) -> None:
        self.handled: list[Any] = []

    def structure_message(self, data: dict[str, Any]) -> dict[str, Any]:
        return data

    def handle_message(self, message: Any) -> None:
        self.handled.append(message)


def framed(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read(data: bytes) -> tuple[list[Any], list[Exception]]:
    protocol, errors = Protocol(), []
    asyncio.run(
        read_messages(
            Event(), Reader(data), protocol, logging.getLogger("test"),  # type: ignore[arg-type]
            lambda error, _kind: errors.append(error),
        )
    )  # fmt: skip
    return protocol.handled, errors


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(BODY, id="no header"),
        pytest.param(b"Content-Type: application/vscode-jsonrpc\r\n\r\n" + BODY, id="no length"),
        pytest.param(b"Content-Length: abc\r\n\r\n" + BODY, id="a length that is no number"),
        pytest.param(b"Content-Length: %d\n\n" % len(BODY) + BODY, id="LF line ends"),
        pytest.param(b"content-length:%d\r\n\r\n" % len(BODY) + BODY, id="lower case"),
        pytest.param(b"Content-Length: %d\r\n\r\n" % (len(BODY) + 3) + BODY, id="3 too long"),
    ],
)
def test_the_message_after_a_badly_framed_one_is_read(bad):
    handled, _ = read(bad + framed(SHUTDOWN))
    assert handled[-1] == json.loads(SHUTDOWN)


def test_a_body_that_is_no_json_goes_to_the_error_handler_and_reading_goes_on():
    handled, errors = read(framed(b"{not json") + framed(SHUTDOWN))
    assert handled == [json.loads(SHUTDOWN)]
    assert [type(e).__name__ for e in errors] == ["JSONDecodeError"]
