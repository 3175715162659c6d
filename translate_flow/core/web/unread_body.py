"""What remains of a request's body is read before the answer goes out, so a proxy sees it.

The app answers some requests without reading their body: a form larger than
MAX_CONTENT_LENGTH (Werkzeug refuses it on its Content-Length alone), a POST to an address
that does not exist or does not take POST. gunicorn then closes the connection with the rest
of the body unread, and the kernel answers the unread bytes with a reset. nginx, still writing
the body it had buffered, got "Broken pipe" and answered 502 instead of the app's page saying
the file was too large: 8 times in 60 for a 10.5 MB form through the deployment's nginx.

Reading the rest first lets nginx finish sending and then read the answer. Only a body of a
size some route of the app could take is read: a larger one is refused unread, as before, so
that no client holds a worker by announcing an endless upload.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any

from werkzeug.wsgi import get_content_length

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

CHUNK = 64 * 1024
# The limits a route may raise MAX_CONTENT_LENGTH to (core/api/uploads.py).
UPLOAD_LIMITS = ("MAX_CONTENT_LENGTH", "MEMORY_IMPORT_MAX_BYTES", "TERMS_IMPORT_MAX_BYTES")


def read_at_most(config: Mapping[str, Any]) -> int:
    """Twice the largest body a route takes: a proxy lets a little more through than the app
    (nginx's client_max_body_size is set just above), and the app's page should answer it."""
    return 2 * max(int(config.get(name) or 0) for name in UPLOAD_LIMITS)


class _CountedInput:
    """The server's input stream, counting what the app reads of it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.read_so_far = 0

    def _counted(self, data: bytes) -> bytes:
        self.read_so_far += len(data)
        return data

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            return self._counted(self._stream.read())
        return self._counted(self._stream.read(size))

    def readline(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            return self._counted(self._stream.readline())
        return self._counted(self._stream.readline(size))

    def readlines(self, hint: int | None = -1) -> list[bytes]:
        return list(iter(self.readline, b""))

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")


def _skip(stream: _CountedInput, remaining: int) -> None:
    while remaining > 0:
        data = stream.read(min(CHUNK, remaining))
        if not data:  # the client went away
            return
        remaining -= len(data)


class ReadsUnreadBody:
    """WSGI middleware: when the app starts its answer, the body's unread rest (up to
    `at_most` bytes in all) is read and dropped."""

    def __init__(self, app: WsgiApp, at_most: int) -> None:
        self._app = app
        self._at_most = at_most

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        length = get_content_length(environ)
        # A body without a length (chunked) is ended by the server itself, which reads it.
        if not length or length > self._at_most:
            return self._app(environ, start_response)
        counted = _CountedInput(environ["wsgi.input"])
        environ["wsgi.input"] = counted

        def answering(*args: Any) -> Any:
            # Nothing has been sent yet: the server writes the status with the first bytes.
            _skip(counted, length - counted.read_so_far)
            return start_response(*args)

        return self._app(environ, answering)
