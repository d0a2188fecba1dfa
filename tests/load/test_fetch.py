"""Fetching over HTTP against a server on 127.0.0.1: success, redirects and every refusal."""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from scorer.errors import ScorerError
from scorer.load.fetch import Fetched, fetch

ARTICLE = "<!DOCTYPE html><html><body><p>Café society, said the minister.</p></body></html>"
NOTES = "Notes from the press conference.\nNo one would go on the record.\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# Seconds the slow routes wait before they answer in full: far beyond the 0.5 s timeout the
# tests use, so a client that did not time out would get its answer and fail the test (no
# error, or another one), however slow the machine. The server's stop event ends the waits.
STALL = 120.0


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.stop = threading.Event()
        self.requests: list[tuple[str, dict[str, str]]] = []

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: the client hanging up on a huge or slow body is what the tests do."""


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers.items())))
        route = ROUTES.get(self.path)
        if route is None:
            if self.path.startswith("/caf"):
                self.reply(200, "text/plain", b"ok")
            else:
                self.reply(404, "text/html", b"<h1>Not here</h1>")
            return
        route(self)

    def reply(self, code: int, content_type: str | None, body: bytes, **headers: str) -> None:
        self.send_response(code)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def stream(self, total: int) -> None:
        """A body with no Content-Length: HTTP/1.0, delimited by closing the connection."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(total // 500):
            self.wfile.write(b"<p>" + b"x" * 493 + b"</p>")

    def chunked(self, total: int) -> None:
        self.protocol_version = "HTTP/1.1"
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for _ in range(total // 500):
            self.wfile.write(b"1f4\r\n" + b"y" * 500 + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def slow_headers(self) -> None:
        self.server.stop.wait(STALL)
        self.reply(200, "text/html", ARTICLE.encode())

    def slow_body(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(b"<p>first bytes")
        self.wfile.flush()
        self.server.stop.wait(STALL)

    def huge_video(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "video/mp4")
        self.send_header("Content-Length", "30000000")
        self.end_headers()
        self.wfile.flush()
        self.server.stop.wait(STALL)  # a client reading the body would time out instead

    def declares_30_mb(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "30000000")
        self.end_headers()
        self.wfile.flush()
        self.server.stop.wait(STALL)  # a client reading the body would time out instead


ROUTES: dict[str, Callable[[Handler], None]] = {
    "/article": lambda h: h.reply(200, "text/html; charset=ISO-8859-1", ARTICLE.encode("latin-1")),
    "/notes.txt": lambda h: h.reply(200, "text/plain; charset=utf-8", NOTES.encode()),
    "/draft.md": lambda h: h.reply(200, "Text/Markdown; Charset=UTF-8", b"# Draft\n"),
    "/bad-charset": lambda h: h.reply(200, "text/plain; charset=klingon", b"hello"),
    "/untyped": lambda h: h.reply(200, None, ARTICLE.encode()),
    "/gzipped": lambda h: h.reply(
        200, "text/html", gzip.compress(ARTICLE.encode()), Content_Encoding="gzip"
    ),
    "/gzip-bomb": lambda h: h.reply(
        200, "text/html", gzip.compress(b" " * 100_000), Content_Encoding="gzip"
    ),
    "/broken": lambda h: h.reply(500, "text/html", b"<h1>Oops</h1>"),
    "/moved": lambda h: h.redirect("/article"),
    "/moved-twice": lambda h: h.redirect("/moved"),
    "/loop": lambda h: h.redirect("/loop"),
    "/to-file": lambda h: h.redirect("file:///etc/passwd"),
    "/slow": Handler.slow_headers,
    "/slow-body": Handler.slow_body,
    "/huge-declared": lambda h: h.reply(200, "text/html", b"z" * 5000),
    "/huge-streamed": lambda h: h.stream(5000),
    "/huge-chunked": lambda h: h.chunked(5000),
    "/declares-30mb": Handler.declares_30_mb,
    "/image.png": lambda h: h.reply(200, "image/png", PNG),
    "/untyped-binary": lambda h: h.reply(200, None, PNG),
    "/huge-video": Handler.huge_video,
    "/report.pdf": lambda h: h.reply(200, "application/pdf", b"%PDF-1.7\n"),
    "/data.json": lambda h: h.reply(200, "application/json", b"{}"),
}


@dataclass
class Site:
    server: Server
    base: str = field(init=False)

    def __post_init__(self) -> None:
        host, port = self.server.server_address[:2]
        self.base = f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment must not see (or forward) requests to 127.0.0.1."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    server = Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(server)
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def error_of(url: str, **options: Any) -> ScorerError:
    with pytest.raises(ScorerError) as caught:
        fetch(url, **options)
    assert caught.value.path == url
    return caught.value


def test_html_page(site: Site) -> None:
    fetched = fetch(site.url("/article"))
    assert fetched == Fetched(
        url=site.url("/article"),
        data=ARTICLE.encode("latin-1"),
        content_type="text/html",
        charset="iso-8859-1",
    )


def test_user_agent_and_accept(site: Site) -> None:
    fetch(site.url("/notes.txt"))
    path, headers = site.server.requests[-1]
    assert path == "/notes.txt"
    assert headers["User-Agent"].startswith("scorer/")
    assert len(headers["User-Agent"]) > len("scorer/")
    assert headers["Accept"].startswith("text/html")


@pytest.mark.parametrize(
    ("path", "content_type", "charset"),
    [
        ("/notes.txt", "text/plain", "utf-8"),
        ("/draft.md", "text/markdown", "utf-8"),
        ("/bad-charset", "text/plain", None),
        ("/untyped", "text/html", None),
    ],
)
def test_text_pages(site: Site, path: str, content_type: str, charset: str | None) -> None:
    fetched = fetch(site.url(path))
    assert (fetched.content_type, fetched.charset) == (content_type, charset)


def test_gzip_body_is_decoded(site: Site) -> None:
    assert fetch(site.url("/gzipped")).data == ARTICLE.encode()


def test_path_is_percent_encoded(site: Site) -> None:
    fetched = fetch(site.url("/café page"))
    assert site.server.requests[-1][0] == "/caf%C3%A9%20page"
    assert fetched.url == site.url("/caf%C3%A9%20page")


@pytest.mark.parametrize("path", ["/moved", "/moved-twice"])
def test_redirect_gives_final_url(site: Site, path: str) -> None:
    fetched = fetch(site.url(path))
    assert fetched.url == site.url("/article")
    assert fetched.data == ARTICLE.encode("latin-1")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/loop", "too many redirects"),
        ("/to-file", "redirected to file:///etc/passwd; only http and https URLs can be fetched"),
        ("/image.png", "content type image/png is not an article (expected HTML or text)"),
        (
            "/report.pdf",
            "content type application/pdf is not an article (expected HTML or text)",
        ),
        (
            "/data.json",
            "content type application/json is not an article (expected HTML or text)",
        ),
        (
            "/untyped-binary",
            "content type application/octet-stream is not an article (expected HTML or text)",
        ),
    ],
)
def test_refusals(site: Site, path: str, message: str) -> None:
    error = error_of(site.url(path))
    assert error.message == message
    assert str(error) == f"{site.url(path)}: {message}"


@pytest.mark.parametrize(
    "path", ["/huge-declared", "/huge-streamed", "/huge-chunked", "/gzip-bomb"]
)
def test_body_over_max_bytes(site: Site, path: str) -> None:
    assert error_of(site.url(path), max_bytes=1000).message == "larger than 1 kB; refusing"


def test_declared_length_refused_before_reading(site: Site) -> None:
    # The body never comes: reading it would end in "timed out", not this.
    error = error_of(site.url("/declares-30mb"), timeout=0.5)
    assert error.message == "larger than 20 MB; refusing"


@pytest.mark.parametrize("path", ["/slow", "/slow-body"])
def test_timeout(site: Site, path: str) -> None:
    assert error_of(site.url(path), timeout=0.5).message == "timed out after 0.5 s"


def test_default_timeout_in_message(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    # The 10 s default must be what the message says, without waiting 10 s for it.
    def timeout(*args: object, **kwargs: object) -> None:
        raise TimeoutError("timed out")

    monkeypatch.setattr("http.client.HTTPConnection.getresponse", timeout)
    assert error_of(site.url("/article")).message == "timed out after 10 s"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://x",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "example.com/article",
        "",
    ],
)
def test_refused_schemes(url: str) -> None:
    assert error_of(url).message == "only http and https URLs can be fetched"


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"
    assert error_of(url, timeout=2).message == "could not connect: Connection refused"


def test_type_refused_before_the_body_is_read(site: Site) -> None:
    # The body never comes: reading it would end in "timed out", not this.
    error = error_of(site.url("/huge-video"), timeout=0.5)
    assert error.message == "content type video/mp4 is not an article (expected HTML or text)"


def test_name_not_resolved(monkeypatch: pytest.MonkeyPatch) -> None:
    # Resolution is faked: a real lookup would leave the machine.
    def unknown(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    error = error_of("https://no-such-host.invalid/story")
    assert error.message == "could not connect: Name or service not known"


@pytest.mark.parametrize(
    "url", ["http://[::1/story", "http://127.0.0.1:abc/story", "http://127.0.0.1:99999/story"]
)
def test_malformed_urls(url: str) -> None:
    # The detail after the colon is the standard library's wording.
    assert error_of(url).message.startswith("not a valid URL: ")


def test_url_without_host() -> None:
    assert error_of("http:///story").message == "could not connect: no host given"
