"""Reading LSP messages off stdin, forgiving of bad framing.

pygls's reader takes only `Content-Length: N\r\n` exactly; one message framed otherwise
(no header, LF line ends, a wrong length) leaves it out of step for good, and the server,
still running, never answers again. Here a header is `Content-Length:` in any case with
either line end, a line that is no header is skipped, and a body that is no JSON is
answered by the error handler as before. A length too long swallows the start of the next
message: a body that is JSON followed by the start of a header gives those bytes back, so
the next message is read whole.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from threading import Event
from typing import Any

from pygls.exceptions import JsonRpcException
from pygls.protocol import JsonRPCProtocol

_LENGTH = re.compile(rb"content-length:[ \t]*(\d+)", re.IGNORECASE)
# The first bytes of a header, however few: what a length too long swallows.
_HEADER_START = re.compile(rb"c(?:o(?:n(?:t(?:e(?:n(?:t(?:-.*)?)?)?)?)?)?)?\Z", re.IGNORECASE)


async def read_messages(
    stop_event: Event,
    reader: Any,
    protocol: JsonRPCProtocol,
    logger: logging.Logger,
    error_handler: Callable[[Exception, type[JsonRpcException]], Any],
) -> None:
    """pygls's `run_async` loop, with the framing above."""
    length: int | None = None
    given_back = b""
    while not stop_event.is_set():
        line = given_back + await reader.readline() if given_back else await reader.readline()
        given_back = b""
        if not line:
            break
        if line.strip():
            match = _LENGTH.search(line)
            if match:
                length = int(match.group(1))
            elif b":" not in line or line.lstrip().startswith((b"{", b"[")):
                logger.warning("skipped a line that is no LSP header: %.80r", line)
            continue
        if length is None:
            continue  # the end of headers that named no length: nothing to read
        body = await reader.readexactly(length)
        length = None
        if not body:
            break
        decoder = json.JSONDecoder(object_hook=protocol.structure_message)
        try:
            text = body.decode("utf-8")
            message, end = decoder.raw_decode(text)
            rest = text[end:].encode("utf-8")
            if rest.strip() and not _HEADER_START.match(rest.lstrip(b"\r\n")):
                raise json.JSONDecodeError("extra data after the message", text, end)
            given_back = rest.lstrip(b"\r\n")
            protocol.handle_message(message)
        except Exception as error:
            logger.exception("Unable to handle message")
            error_handler(error, JsonRpcException)
