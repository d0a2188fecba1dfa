"""pygls's protocol, with what it does not do as this server needs.

* The position encoding: pygls takes the first the client lists that it knows; we take
  UTF-8 or UTF-32 when offered (fewer conversions), else UTF-16 (scorer.lsp.positions).
* Malformed messages: pygls logs a request whose params do not fit its method and never
  answers it, so the client waits for ever; here it gets a JSON-RPC error (-32602), as
  does JSON that is no JSON-RPC message (-32600). Unreadable JSON gets -32700 with a null
  id (scorer.lsp.server's error report: pygls raises it before any message exists).
* A request after shutdown: pygls drops it; here it is answered -32600, as LSP asks; one
  before initialize gets -32002 rather than pygls's null.
* Open documents are kept by scorer.lsp.documents, not by pygls's workspace, whose line
  splitting differs from LSP's (see there); pygls's own copy is not kept at all.
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol, lsp_method

from scorer.lsp.positions import UTF16, choose_encoding

logger = logging.getLogger(__name__)

INVALID_REQUEST = -32600
PARSE_ERROR = -32700
NOT_INITIALIZED = -32002


class Unreadable:
    """A message whose params do not fit its method: answered with an error if a request."""

    def __init__(self, data: dict[str, Any], error: JsonRpcException) -> None:
        self.id = data.get("id")
        self.method = data.get("method")
        self.is_request = "id" in data
        self.code = error.code
        self.message = f"{error.message}: {_what_is_wrong(error)}"


def _what_is_wrong(error: JsonRpcException) -> str:
    """cattrs's account of what does not fit (`expected int @ $.params.position.line`)."""
    from cattrs import transform_error
    from cattrs.errors import ClassValidationError

    cause = error.__cause__
    if isinstance(cause, ClassValidationError):
        return "; ".join(transform_error(cause)[:3])
    return str(cause) if cause is not None else "cannot be read"


class Protocol(LanguageServerProtocol):
    encoding: str = UTF16  # the position encoding agreed at initialize
    started: bool = False  # initialize has been asked for

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(
        self, params: types.InitializeParams
    ) -> Generator[Any, Any, types.InitializeResult]:
        general = params.capabilities.general
        listed = (general.position_encodings if general else None) or ()
        offered = [str(getattr(e, "value", e)) for e in listed]
        self.encoding = choose_encoding(offered)
        self.started = True
        if general is not None and offered:
            # pygls takes the first it knows of the client's list: make ours that one.
            general.position_encodings = [types.PositionEncodingKind(self.encoding)]
        return (yield from super().lsp_initialize(params))

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Any:
        yield from self._user(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        yield from self._user(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Any:
        yield from self._user(types.TEXT_DOCUMENT_DID_CLOSE, params)

    def _user(self, method: str, params: Any) -> Generator[Any, Any, None]:
        """Hand a notification to the server's own handler, and nothing else."""
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "method" in data:
                return Unreadable(data, error)
            raise

    def handle_message(self, message: Any) -> None:
        if isinstance(message, Unreadable):
            logger.warning("%r: %s", message.method, message.message)
            if message.is_request and not self._shutdown:
                self.answer_error(message.id, message.code, message.message)
            return
        if getattr(message, "jsonrpc", None) != self.VERSION:
            found = message.get("id") if isinstance(message, dict) else None
            logger.warning("not a JSON-RPC 2.0 message: %.200r", message)
            self.answer_error(found, INVALID_REQUEST, "Invalid Request: not a JSON-RPC 2.0 message")
            return
        method, found = getattr(message, "method", None), getattr(message, "id", None)
        if not self.started and method not in (None, types.INITIALIZE, types.EXIT):
            if found is not None:  # pygls answers null; LSP asks for -32002
                self.answer_error(found, NOT_INITIALIZED, "the server is not initialized yet")
            return
        if self._shutdown and method not in (None, types.EXIT) and found is not None:
            # pygls drops it unanswered, and the client would wait for ever (LSP: -32600).
            self.answer_error(found, INVALID_REQUEST, "the server is shut down: send exit")
            return
        super().handle_message(message)

    def answer_error(self, msg_id: Any, code: int, message: str) -> None:
        """An error response; `msg_id` None answers a message whose id could not be read,
        with `"id": null`, which JSON-RPC requires and pygls's converter would leave out."""
        if msg_id is not None:
            self._send_response(msg_id, error=types.ResponseError(code=code, message=message))
            return
        error = {"code": code, "message": message}
        self._send_data({"jsonrpc": self.VERSION, "id": None, "error": error})
