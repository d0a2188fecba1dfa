"""How long an editor waits for diagnostics after an edit, from `scorer lsp` over stdio.

    python bench/lsp_latency.py [--edits N] [--long CHARS]

Starts the server as an editor would (`python -m scorer lsp`, spoken to by pygls's
LanguageClient), opens each seed article in examples/ as plain text, the first as
Markdown too, and a long article made of the seeds' paragraphs (about --long characters),
then makes N edits to each, one at a time: a word typed into the middle of a paragraph,
then taken out again. Each edit is timed from sending didChange to receiving the
publishDiagnostics for its version, which includes the server's 300 ms debounce (it
waits for the writer to pause). Prints the median and the maximum for each document, and
the time to the first diagnostics after opening (the first includes loading the models,
unless the server's warm-up got there first).

Target (issue 23): diagnostics about a second after an edit, on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples").glob("*.txt"))
WORD = "indeed "
TIMEOUT = 120.0


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    language: str
    suffix: str


@dataclass(frozen=True)
class Result:
    document: Document
    findings: int
    opened: float
    edits: list[float]


def documents(long_chars: int) -> list[Document]:
    """Each seed as text, the first as Markdown, and a long article from their paragraphs."""
    texts = [seed.read_text(encoding="utf-8") for seed in SEEDS]
    out = [
        Document(seed.name, text, "plaintext", ".txt")
        for seed, text in zip(SEEDS, texts, strict=True)
    ]
    out.append(Document(SEEDS[0].stem + ".md", texts[0], "markdown", ".md"))
    paragraphs = [p for text in texts for p in text.split("\n\n")[1:] if p.strip()]
    body, n = [texts[0].split("\n\n")[0]], 0
    while sum(len(p) + 2 for p in body) < long_chars:
        body.append(paragraphs[n % len(paragraphs)])
        n += 1
    out.append(
        Document(
            f"long article ({len(body) - 1} paragraphs)", "\n\n".join(body), "plaintext", ".txt"
        )
    )
    return out


class Client:
    """The server and a client that notes when each document's diagnostics arrive."""

    def __init__(self) -> None:
        self.client = LanguageClient("lsp-latency", "0")
        self.arrived: dict[tuple[str, int | None], tuple[float, int]] = {}
        self.event = asyncio.Event()

        @self.client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: t.PublishDiagnosticsParams) -> None:
            self.arrived[(params.uri, params.version)] = (
                time.perf_counter(),
                len(params.diagnostics),
            )
            self.event.set()

    async def start(self) -> None:
        await self.client.start_io(sys.executable, "-m", "scorer", "lsp", cwd=str(ROOT))
        process = self.client._server
        assert process is not None and process.stderr is not None
        self._stderr = asyncio.ensure_future(self._drain(process.stderr))
        caps = t.ClientCapabilities()
        await self.client.initialize_async(t.InitializeParams(capabilities=caps, process_id=None))
        self.client.initialized(t.InitializedParams())

    async def _drain(self, stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            sys.stderr.write("server: " + line.decode("utf-8", "replace"))

    async def wait(self, uri: str, version: int) -> tuple[float, int]:
        async def arrival() -> tuple[float, int]:
            while (uri, version) not in self.arrived:
                self.event.clear()
                await self.event.wait()
            return self.arrived[(uri, version)]

        return await asyncio.wait_for(arrival(), TIMEOUT)

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


async def measure(client: Client, document: Document, uri: str, edits: int) -> Result:
    item = t.TextDocumentItem(uri=uri, language_id=document.language, version=1, text=document.text)
    sent = time.perf_counter()
    client.client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=item))
    arrived, findings = await client.wait(uri, 1)
    opened = arrived - sent
    # The middle of the document's middle line that has text: a word typed into prose.
    lines = document.text.split("\n")
    line = max(range(len(lines)), key=lambda n: (len(lines[n]) > 40, -abs(n - len(lines) // 2)))
    column = lines[line].find(" ", len(lines[line]) // 2) + 1
    times = []
    for n in range(edits):
        version = n + 2
        start = t.Position(line=line, character=column)
        if n % 2 == 0:  # type the word
            change = t.TextDocumentContentChangePartial(
                range=t.Range(start=start, end=start), text=WORD
            )
        else:  # take it out again
            end = t.Position(line=line, character=column + len(WORD))
            change = t.TextDocumentContentChangePartial(
                range=t.Range(start=start, end=end), text=""
            )
        identifier = t.VersionedTextDocumentIdentifier(uri=uri, version=version)
        params = t.DidChangeTextDocumentParams(text_document=identifier, content_changes=[change])
        sent = time.perf_counter()
        client.client.text_document_did_change(params)
        arrived, _ = await client.wait(uri, version)
        times.append(arrived - sent)
    return Result(document, findings, opened, times)


async def run(edits: int, long_chars: int) -> list[Result]:
    client = Client()
    await client.start()
    try:
        results = []
        for n, document in enumerate(documents(long_chars)):
            uri = (ROOT / "bench" / ".cache" / f"lsp-latency-{n}{document.suffix}").as_uri()
            results.append(await measure(client, document, uri, edits))
        return results
    finally:
        await client.stop()


def table(results: list[Result], edits: int) -> str:
    head = ("document", "chars", "words", "diagnostics", "open s", "edit median s", "edit max s")
    rows = [
        (
            r.document.name,
            f"{len(r.document.text):,}",
            f"{len(r.document.text.split()):,}",
            str(r.findings),
            f"{r.opened:.2f}",
            f"{statistics.median(r.edits):.2f}",
            f"{max(r.edits):.2f}",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    every = [time for r in results for time in r.edits]
    lines = [line(head), *(line(row) for row in rows), ""]
    lines.append(
        f"{edits} edits a document, {len(every)} in all: median {statistics.median(every):.2f} s, "
        f"max {max(every):.2f} s from didChange to publishDiagnostics (300 ms of it the debounce)."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=20, help="edits a document (default 20)")
    parser.add_argument(
        "--long", type=int, default=40_000, help="characters of the long article (default 40,000)"
    )
    args = parser.parse_args(argv)
    if args.edits < 1:
        parser.error("--edits must be 1 or more")
    results = asyncio.run(run(args.edits, args.long))
    print(table(results, args.edits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
