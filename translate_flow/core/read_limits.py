"""Reading an uploaded file no further than a limit, and the limit as people read it."""

from typing import Protocol


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class TooLarge(Exception):
    """The stream held more than its limit."""


class LimitedStream:
    """A binary stream that refuses to be read past `limit` bytes."""

    def __init__(self, stream: Readable, limit: int) -> None:
        self._stream = stream
        self._left = limit

    def read(self, size: int = -1) -> bytes:
        wanted = self._left + 1 if size is None or size < 0 else min(size, self._left + 1)
        data = self._stream.read(wanted)
        self._left -= len(data)
        if self._left < 0:
            raise TooLarge
        return data


def readable_size(size: int) -> str:
    """50 MB, 1.5 MB, 200 KB: a limit as people read it."""
    if size >= 1024 * 1024:
        return f"{round(size / (1024 * 1024), 1):g} MB"
    return f"{max(1, round(size / 1024))} KB"
