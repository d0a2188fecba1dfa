"""The language server: documents in, diagnostics, hovers and quick fixes out.

Audits run in one thread of their own, so the server keeps answering while one runs. A
document is audited when it opens, when it is saved, when a watched config file changes,
and 300 ms after the last of a run of edits (typing does not queue an audit a keystroke).
Each reason to audit bumps the document's generation; an audit made for an older one is
dropped, before it starts if it can be, else when it comes back: the latest edit wins.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer

from scorer import __version__
from scorer.lsp import actions, auditing, diagnostics, hover
from scorer.lsp.documents import Open, apply_changes, format_of, path_of
from scorer.lsp.positions import Lines
from scorer.lsp.protocol import PARSE_ERROR, Protocol

logger = logging.getLogger(__name__)
# Where pygls logs what it cannot read: one line a message (_LogLine), as bad input is.
_IO_LOG = logging.getLogger("pygls.io_")

DEBOUNCE = 0.3  # seconds after the last edit of a run before it is audited
CONFIG_FILES = "**/*.toml"  # .scorer.toml, pyproject.toml and the rule files they name
_WARM_UP = "Officials said on Tuesday that the minister had resigned, sources say."


class Server(LanguageServer):
    protocol: Protocol

    def __init__(self) -> None:
        super().__init__(
            "scorer",
            __version__,
            protocol_cls=Protocol,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        )
        self.documents: dict[str, Open] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scorer-audit")
        self.problems: dict[str, str] = {}  # uri -> the problem it was last audited with
        self.shutdown_requested = False
        self._tasks: set[asyncio.Future[Any]] = set()

    @property
    def encoding(self) -> str:
        return self.protocol.encoding

    def _start_io_async(self, stdin: Any = None, stdout: Any = None) -> None:
        """pygls's stdio server, reading with scorer.lsp.framing: one badly framed message
        must not leave the server deaf for the rest of the session."""
        from pygls.io_ import StdinAsyncReader, StdoutWriter

        from scorer.lsp.framing import read_messages

        self._stop_event = threading.Event()
        reader = StdinAsyncReader(stdin or sys.stdin.buffer, self.thread_pool)
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        try:
            asyncio.run(
                read_messages(
                    self._stop_event, reader, self.protocol, _IO_LOG, self.report_server_error
                )
            )
        except BrokenPipeError:
            logger.error("the client is gone: shutting down")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Logged on stderr, where clients keep a server's log; unreadable JSON answered."""
        if isinstance(error, (json.JSONDecodeError, UnicodeDecodeError)):
            self.protocol.answer_error(None, PARSE_ERROR, f"Parse error: {error}")
            return  # pygls has logged it
        logger.warning("%s: %s", getattr(source, "__name__", source), error)

    def shutdown(self) -> None:
        """Stop without waiting for the thread that reads stdin: a client may keep the pipe
        open after `exit`, and that thread would then wait for ever."""
        if self._stop_event is not None:
            self._stop_event.set()
        if self._thread_pool is not None:
            self._thread_pool.shutdown(wait=False, cancel_futures=True)
        self.worker.shutdown(wait=False, cancel_futures=True)

    # Auditing.

    def schedule(self, doc: Open, delay: float = 0.0) -> None:
        """Audit `doc` after `delay` seconds unless another reason to comes first."""
        doc.generation += 1
        task = asyncio.ensure_future(self._audit(doc, doc.generation, delay))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _audit(self, doc: Open, generation: int, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        if not self._latest(doc, generation):
            return
        job = partial(self._audit_job, doc, generation, doc.text, self.encoding)
        try:
            done = await asyncio.get_running_loop().run_in_executor(self.worker, job)
        except RuntimeError:  # the worker is shut down: the server is going
            return
        if done is None or not self._latest(doc, generation):
            return
        audited, published = done
        doc.audited = audited
        self._tell(doc.uri, audited.problem)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=doc.uri, version=doc.version, diagnostics=published)
        )
        if not hover.ready(audited):
            with contextlib.suppress(RuntimeError):  # the worker is shut down: going
                self.worker.submit(hover.prepare, audited)

    def _audit_job(
        self, doc: Open, generation: int, text: str, encoding: str
    ) -> tuple[auditing.Audited, list[types.Diagnostic]] | None:
        """In the audit thread: the audit and its diagnostics, or None if already stale."""
        if doc.generation != generation:
            return None
        audited = auditing.run(
            text, fmt=doc.format, path=doc.path, source=doc.source, generation=generation
        )
        try:
            return audited, diagnostics.of(audited, encoding)
        except Exception as error:  # a bug: told once, as a problem, not lost in a task
            failed = auditing.Audited(text, generation, problem=auditing.internal(error))
            return failed, diagnostics.of(failed, encoding)

    def _latest(self, doc: Open, generation: int) -> bool:
        return doc.generation == generation and self.documents.get(doc.uri) is doc

    def _tell(self, uri: str, problem: str | None) -> None:
        """One message a problem: not again for each document or audit that meets it while
        it lasts, and again if it comes back once gone."""
        before = self.problems.pop(uri, None)
        if problem is None:
            return
        if problem != before and problem not in self.problems.values():
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=f"scorer: {problem}")
            )
        self.problems[uri] = problem

    def warm_up(self) -> None:
        """Load the models and rules in the audit thread now, not at the first document."""
        self.worker.submit(
            partial(auditing.run, _WARM_UP, fmt="text", path=None, source="<warm>", generation=0)
        )

    # Editor requests.

    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None or doc.audited is None:
            return None
        audited, offset = doc.current(), None
        if audited is not None:
            position = params.position
            offset = Lines(doc.text, self.encoding).offset(position.line, position.character)
        else:
            audited = doc.audited  # of an older text: its score, not its places
        formats = get_capability(self.client_capabilities, "text_document.hover.content_format", [])
        markdown = types.MarkupKind.Markdown in formats
        describe = partial(hover.describe, audited, offset, markdown=markdown)
        if hover.ready(audited):
            text = describe(make=False)  # at once, whatever audit is running
        else:
            text = await asyncio.get_running_loop().run_in_executor(self.worker, describe)
        if text is None:
            return None
        kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
        return types.Hover(contents=types.MarkupContent(kind=kind, value=text))

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        doc = self.documents.get(params.text_document.uri)
        audited = doc.current() if doc is not None else None
        if doc is None or audited is None or audited.audit is None:
            return []
        lines = Lines(doc.text, self.encoding)
        where = params.range
        start = lines.offset(where.start.line, where.start.character)
        end = lines.offset(where.end.line, where.end.character)
        only = params.context.only if params.context else None
        return actions.quick_fixes(doc.uri, audited.audit, lines, start, end, only)

    # Document notifications.

    def opened(self, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        fmt = format_of(item.language_id)
        self.documents.pop(item.uri, None)
        if fmt is None:
            return  # not a language scorer reads
        doc = Open(item.uri, item.text, item.version, fmt, path_of(item.uri))
        self.documents[item.uri] = doc
        self.schedule(doc)

    def changed(self, params: types.DidChangeTextDocumentParams) -> None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None:
            return
        doc.text = apply_changes(doc.text, params.content_changes, self.encoding)
        doc.version = params.text_document.version
        self.schedule(doc, DEBOUNCE)

    def saved(self, params: types.DidSaveTextDocumentParams) -> None:
        doc = self.documents.get(params.text_document.uri)
        if doc is not None:
            self.schedule(doc)

    def closed(self, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if self.documents.pop(uri, None) is not None:
            self.problems.pop(uri, None)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    def files_changed(self, params: types.DidChangeWatchedFilesParams) -> None:
        """A config or rule file changed: every open document is audited again under it."""
        for doc in list(self.documents.values()):
            self.schedule(doc)

    async def initialized(self, params: types.InitializedParams) -> None:
        self.warm_up()
        dynamic = get_capability(
            self.client_capabilities,
            "workspace.did_change_watched_files.dynamic_registration",
            False,
        )
        if not dynamic:
            return
        watch = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=CONFIG_FILES)]
        )
        registration = types.Registration(
            id="scorer-config-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=watch,
        )
        try:
            await self.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except Exception as error:  # the client said no: configs still apply at each audit
            logger.warning("could not watch config files: %s", error)

    def shut_down(self, params: None) -> None:
        self.shutdown_requested = True


def build() -> Server:
    """The server with its features registered."""
    server = Server()
    features = {
        types.INITIALIZED: server.initialized,
        types.SHUTDOWN: server.shut_down,
        types.TEXT_DOCUMENT_DID_OPEN: server.opened,
        types.TEXT_DOCUMENT_DID_CHANGE: server.changed,
        types.TEXT_DOCUMENT_DID_SAVE: server.saved,
        types.TEXT_DOCUMENT_DID_CLOSE: server.closed,
        types.WORKSPACE_DID_CHANGE_WATCHED_FILES: server.files_changed,
        types.TEXT_DOCUMENT_HOVER: server.hover,
    }
    for method, handler in features.items():
        server.feature(method)(_function(handler))
    options = types.CodeActionOptions(code_action_kinds=[actions.QUICKFIX])
    server.feature(types.TEXT_DOCUMENT_CODE_ACTION, options)(_function(server.code_actions))
    return server


class _LogLine(logging.Formatter):
    """pygls's records as one line each: it logs a traceback for every malformed message,
    which is bad input (answered with an error), not a crash. Ours keep theirs: a
    traceback there is a bug to report."""

    def format(self, record: logging.LogRecord) -> str:
        if not record.name.startswith("pygls"):
            return super().format(record)
        lines = record.getMessage().splitlines() or [""]
        line = lines[0]
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            line += f" ({type(error).__name__}: {error})"
        return f"scorer lsp: {record.levelname}: {line}"


def _function(method: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A bound method as the plain function pygls registers (it marks what it registers,
    and a bound method takes no attributes), called with the params alone."""
    if inspect.iscoroutinefunction(method):

        async def handle_async(params: Any) -> Any:
            return await method(params)

        return handle_async

    def handle(params: Any) -> Any:
        return method(params)

    return handle


def serve() -> int:
    """Run the server on stdin and stdout until the client says exit (or goes); the exit
    code LSP asks for: 0 after a shutdown request, else 1.

    Only the protocol writes to stdout: it gets its own copy of the descriptor, and stdout
    itself becomes stderr, so a stray print (ours, a library's, C code's) goes to the log
    instead of corrupting the stream.
    """
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    log = logging.StreamHandler(sys.stderr)
    log.setFormatter(_LogLine("scorer lsp: %(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[log])
    server = build()
    server.start_io(sys.stdin.buffer, out)
    return 0 if server.shutdown_requested else 1
