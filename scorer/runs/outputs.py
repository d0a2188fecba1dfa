"""What a run writes: never over one of its own inputs, always whole.

Nothing a user wrote is ever lost. Before any work, every file a run will write is compared
with every file it will read (articles, configs, rule files, boilerplate files, a corpus)
as the same file however it is named: path spellings, symbolic and hard links, a folder or
a glob that holds it. A match is one error naming both, and nothing is read or written.

Every file the project replaces is written to a temporary file in the same folder,
flushed to disk, then renamed over the target (through a symbolic link, over the file it
points to), keeping the target's permissions: a crash, a full disk, Ctrl-C or SIGKILL
leaves the old file or the new one, never a mix. Files appended to by design (a batch
run's rows and its sidecar, a CI step summary) are appended to, never replaced.

A report written into a folder of articles is not an article: `is_report` knows each
format by what it always carries, and a run over the folder passes it by.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterable, Iterator

from scorer.errors import ScorerError
from scorer.runs import hold

Named = tuple[str, str]  # what it is ("--output", "the article"), and its path


def refuse_clashes(outputs: Iterable[Named], inputs: Iterable[Named]) -> None:
    """Raise if an output is an input of the run, or two outputs are one file."""
    seen: dict[object, Named] = {}
    for what, path in outputs:
        key = _identity(path) or ("new", os.path.realpath(path))
        if key in seen:
            other, other_path = seen[key]
            raise ScorerError(f"{what} {path} is the same file as {other} {other_path}")
        seen[key] = (what, path)
    existing = {key: named for key, named in seen.items() if key[0] != "new"}
    if not existing:
        return
    for what, path in inputs:
        key = _identity(path)
        if key is not None and key in existing:
            out_what, out_path = existing[key]
            raise ScorerError(
                f"{out_what} {out_path} is {what} {path}, an input of this run: "
                "nothing was written; choose another file"
            )


def _identity(path: str) -> tuple[int, int] | None:
    """The file a path names, through any links (device and inode), or None if none."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def deliver(text: str, output: str | None) -> None:
    """A report to standard output (None or `-`) or, atomically, to the file `output`.

    A file name that is not UTF-8 holds lone surrogates: written as `\\udcff` escapes (still
    JSON), never as raw bytes or an encoding error, whatever the locale's error handler.
    """
    if output not in (None, "-"):
        try:
            write_text(output, text, errors="backslashreplace")
        except ScorerError as error:
            reason = str(error).partition("cannot write: ")[2]
            raise ScorerError(f"cannot write the report: {reason}", path=output) from None
        return
    try:
        if isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(errors="backslashreplace")
        sys.stdout.write(text)  # not click.echo: it strips escape codes FORCE_COLOR asked for
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader stopped reading (`| head`): the command exits quietly
    except OSError as error:
        # What is still buffered would fail again at exit, as a second error: drop it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        reason = error.strerror or error
        raise ScorerError(f"standard output: cannot write the report: {reason}") from None


def append_text(path: str, text: str) -> None:
    """`text` added at the end of `path` in one write (a CI step summary holds what other
    steps wrote: it is never replaced); the file is made if it is missing."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            data = memoryview(text.encode("utf-8", "backslashreplace"))
            while data:
                data = data[os.write(handle, data) :]
        finally:
            os.close(handle)
    except OSError as error:
        raise ScorerError(
            f"cannot append the summary: {error.strerror or error}", path=path
        ) from None


def write_text(path: str, text: str, *, errors: str = "strict") -> None:
    """`text` as UTF-8 into `path`, atomically; into a device or pipe (`/dev/null`, a FIFO)
    directly, since renaming a file over one would replace the device itself."""
    data = text.encode("utf-8", errors)
    if _is_special(path):
        try:
            with open(path, "wb") as handle:
                handle.write(data)
        except OSError as error:
            raise ScorerError(f"cannot write: {error.strerror or error}", path=path) from None
        return
    with replacing(path) as temporary, open(temporary, "wb") as handle:
        half = len(data) // 2
        handle.write(data[:half])
        handle.flush()
        hold.at("write")  # a test kills the process here: the target must stay whole
        handle.write(data[half:])


@contextlib.contextmanager
def replacing(path: str) -> Iterator[str]:
    """A temporary path beside `path` to write the new file to; when the block ends without
    an error, it is flushed to disk and renamed over `path`, else deleted."""
    target = os.path.realpath(path) if os.path.islink(path) else path
    folder, name = os.path.split(os.path.abspath(target))
    try:
        mode = mode_of(target)
    except OSError as error:
        raise ScorerError(f"cannot write: {error.strerror or error}", path=path) from None
    temporary = _created(folder, name, path)
    try:
        yield temporary
        commit(temporary, target, mode)
    except BaseException as error:
        _discard(temporary)
        if isinstance(error, OSError):
            raise ScorerError(f"cannot write: {error.strerror or error}", path=path) from None
        raise


def commit(temporary: str, target: str, mode: int | None) -> None:
    """A finished temporary file flushed to disk, given `mode` (an existing target's
    permissions), renamed over `target`, and the rename flushed too. Raises OSError."""
    with open(temporary, "rb+") as handle:
        os.fsync(handle.fileno())
    if mode is not None:
        os.chmod(temporary, mode)
    os.replace(temporary, target)
    _sync_folder(os.path.dirname(os.path.abspath(target)))


def _is_special(path: str) -> bool:
    """Whether `path` names an existing device, pipe or socket, through any links."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def mode_of(path: str) -> int | None:
    """The permissions of an existing file, to keep when it is replaced; None if absent."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return None


def _created(folder: str, name: str, path: str) -> str:
    """A new, empty hidden file in `folder` (a folder walk passes dot files by), made with
    the permissions a new file gets here (0o666 less the umask)."""
    for _ in range(100):
        temporary = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return temporary
        except FileExistsError:
            continue
        except OSError as error:
            raise ScorerError(f"cannot write: {error.strerror or error}", path=path) from None
    raise ScorerError("cannot write: no free temporary name beside it", path=path)


def _discard(temporary: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)


def _sync_folder(folder: str) -> None:
    """The rename on disk too (a folder that cannot be opened for it is left to the OS)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


# -- reports among the articles --------------------------------------------------------------

_PEEK = 4096
# What each report format always carries, in its first or last bytes: html's generator
# tag, markdown's heading, plain's footer, json's and sarif's first keys, concise's score
# line, github's workflow commands.
_SIGNATURES = (
    re.compile(rb'<meta name="generator" content="scorer'),
    re.compile(rb"^### scorer: sourcing report", re.M),
    re.compile(rb"^Explain a finding: scorer explain ", re.M),
    re.compile(rb'^\s*(?:\[\s*)?\{\s*"version": "[^"]*",\s*"engine": '),
    re.compile(rb'^\s*\{\s*"\$schema": "[^"]*sarif', re.S),
    re.compile(rb"^.+: \d+\.\d / 100 [a-z ]+, \d+ findings?.*: (?:ok|FAIL|pass)", re.M),
    re.compile(rb"^::(?:error|warning|notice) (?:file=|title=)", re.M),
)


def is_report(path: str) -> bool:
    """Whether a file is a report scorer wrote (any format), by its first and last bytes."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_PEEK)
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(len(head), size - _PEEK))
            tail = handle.read(_PEEK)
    except OSError:
        return False  # loading says what is wrong with it
    return any(signature.search(part) for signature in _SIGNATURES for part in (head, tail))
