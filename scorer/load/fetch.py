"""Fetching an article by URL with the standard library: bounded in time, size and kind.

Every way a download can fail ends as one `ScorerError` naming the URL, so the command
line reports it on one line instead of a traceback.
"""

from __future__ import annotations

import codecs
import http.client
import string
import urllib.request
import zlib
from dataclasses import dataclass
from http import HTTPStatus
from typing import IO, Any
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from scorer.errors import ScorerError

ARTICLE_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown"}
)
_SCHEMES = frozenset({"http", "https"})
_CHUNK = 64 * 1024
_ACCEPT = "text/html, application/xhtml+xml, text/markdown;q=0.9, text/plain;q=0.8, */*;q=0.1"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded article: final URL after redirects, raw bytes and the declared type.

    `content_type` is the lowercased media type without parameters ("text/html");
    `charset` is the declared one, lowercased, or None when absent or unknown to Python.
    """

    url: str
    data: bytes
    content_type: str
    charset: str | None


class _RefusedRedirect(Exception):
    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects only to http and https.

    The stdlib would follow one to ftp, and reports one to file: or javascript: as an
    HTTPError with the 3xx code, indistinguishable from a redirect loop.
    """

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> Any:
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urljoin(req.full_url, location.strip())
            if urlsplit(target).scheme.lower() not in _SCHEMES:
                fp.close()
                raise _RefusedRedirect(target)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def fetch(url: str, *, timeout: float = 10.0, max_bytes: int = 20_000_000) -> Fetched:
    """Download `url` if it is an http(s) page of HTML or text no larger than `max_bytes`.

    `timeout` bounds the connection and each read, not the whole download.
    """
    request = urllib.request.Request(
        _to_uri(url),
        headers={
            "User-Agent": f"scorer/{_version()}",
            "Accept": _ACCEPT,
            "Accept-Encoding": "gzip, deflate",
        },
    )
    too_large = f"larger than {_size(max_bytes)}; refusing"
    try:
        with _opener().open(request, timeout=timeout) as response:
            headers = response.headers
            declared = _declared_type(headers)
            # Both checks come before the body: no downloading a PDF only to refuse it.
            if declared is not None:
                _check_type(declared[0], url)
            length = headers.get("Content-Length")
            if length and length.strip().isdigit() and int(length) > max_bytes:
                raise ScorerError(too_large, path=url)
            raw = _read(response, max_bytes)
            if raw is None:
                raise ScorerError(too_large, path=url)
            final_url = response.url
    except ScorerError:
        raise
    except _RefusedRedirect as refused:
        raise ScorerError(
            f"redirected to {refused.target}; only http and https URLs can be fetched",
            path=url,
        ) from None
    except HTTPError as error:
        error.close()
        if 300 <= error.code < 400 and str(error.reason).startswith(
            urllib.request.HTTPRedirectHandler.inf_msg
        ):
            raise ScorerError("too many redirects", path=url) from None
        raise ScorerError(f"HTTP {error.code} {_phrase(error)}", path=url) from None
    except URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise ScorerError(f"timed out after {timeout:g} s", path=url) from None
        raise ScorerError(f"could not connect: {_reason(error.reason)}", path=url) from None
    except TimeoutError:
        # Raised bare (not as URLError) when the wait is for the response or the body.
        raise ScorerError(f"timed out after {timeout:g} s", path=url) from None
    except http.client.InvalidURL as error:
        raise ScorerError(f"not a valid URL: {error}", path=url) from None
    except (http.client.HTTPException, OSError) as error:
        raise ScorerError(f"connection broken: {_reason(error)}", path=url) from None

    data = _decode_transfer(raw, headers.get("Content-Encoding"), url, max_bytes, too_large)
    content_type, charset = declared if declared is not None else (_sniff(data), None)
    _check_type(content_type, url)
    return Fetched(url=final_url, data=data, content_type=content_type, charset=charset)


def _check_type(content_type: str, url: str) -> None:
    if content_type not in ARTICLE_TYPES:
        raise ScorerError(
            f"content type {content_type} is not an article (expected HTML or text)", path=url
        )


def _to_uri(url: str) -> str:
    """Check the scheme and percent-encode what http.client would choke on (spaces, é)."""
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        netloc = parts.netloc
        port = parts.port  # raises on "host:abc" or "host:99999"
        if scheme in _SCHEMES and not netloc.isascii():
            host = (parts.hostname or "").encode("idna").decode("ascii")
            netloc = host if port is None else f"{host}:{port}"
    except (ValueError, UnicodeError) as error:
        raise ScorerError(f"not a valid URL: {error}", path=url) from None
    if scheme not in _SCHEMES:
        raise ScorerError("only http and https URLs can be fetched", path=url)
    # string.punctuation as safe keeps existing %-escapes and every delimiter as they are.
    path, query = (quote(p, safe=string.punctuation) for p in (parts.path, parts.query))
    return urlunsplit((scheme, netloc, path, query, ""))


def _opener() -> urllib.request.OpenerDirector:
    """An opener for http and https only: no file:, ftp: or data: handler to reach."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _RedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _read(response: http.client.HTTPResponse, max_bytes: int) -> bytes | None:
    """The body, or None as soon as it grows past `max_bytes` (a lying or absent length)."""
    body = bytearray()
    while chunk := response.read(_CHUNK):
        body += chunk
        if len(body) > max_bytes:
            return None
    return bytes(body)


def _decode_transfer(
    raw: bytes, encoding: str | None, url: str, max_bytes: int, too_large: str
) -> bytes:
    """Undo gzip or deflate content coding without letting the result exceed `max_bytes`."""
    coding = (encoding or "identity").strip().lower()
    if coding in ("", "identity"):
        return raw
    if coding in ("gzip", "x-gzip"):
        wbits = 16 + zlib.MAX_WBITS
    elif coding == "deflate":
        wbits = zlib.MAX_WBITS if raw[:1] == b"\x78" else -zlib.MAX_WBITS
    else:
        raise ScorerError(f"unsupported content encoding {coding}", path=url)
    inflater = zlib.decompressobj(wbits)
    try:
        data = inflater.decompress(raw, max_bytes + 1)
    except zlib.error as error:
        raise ScorerError(f"corrupt {coding} body: {error}", path=url) from None
    if len(data) > max_bytes:
        raise ScorerError(too_large, path=url)
    return data


def _declared_type(headers: http.client.HTTPMessage) -> tuple[str, str | None] | None:
    """Media type and charset from Content-Type, or None when the server sent none."""
    if headers.get("Content-Type") is None:
        return None
    charset = headers.get_content_charset()
    if charset is not None:
        try:
            codecs.lookup(charset)
        except LookupError:
            charset = None
    return headers.get_content_type().lower(), charset


def _sniff(data: bytes) -> str:
    """A guess for a body sent without Content-Type: HTML, text, or binary to refuse."""
    head = data[:1024]
    if b"\x00" in head:
        return "application/octet-stream"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html")):
        return "text/html"
    return "text/plain"


def _phrase(error: HTTPError) -> str:
    try:
        return HTTPStatus(error.code).phrase
    except ValueError:
        return str(error.reason) or "error"


def _reason(reason: object) -> str:
    """An OS error's own words ("Connection refused") without the "[Errno 111]" prefix."""
    if isinstance(reason, OSError) and reason.strerror:
        return str(reason.strerror)
    return str(reason) or type(reason).__name__


def _size(n: int) -> str:
    for unit, factor in (("GB", 1_000_000_000), ("MB", 1_000_000), ("kB", 1_000)):
        if n >= factor:
            return f"{n / factor:g} {unit}"
    return f"{n} bytes"


def _version() -> str:
    """This package's version for the User-Agent, looked up only when a URL is fetched."""
    try:
        from scorer import __version__  # type: ignore[attr-defined]

        return str(__version__)
    except ImportError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sourcing-scorer")
    except PackageNotFoundError:
        return "0"
