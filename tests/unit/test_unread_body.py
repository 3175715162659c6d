"""The middleware that reads what the app left of a request's body before answering."""

import io
from collections.abc import Iterable
from typing import Any

import pytest

from translate_flow.core.web.unread_body import ReadsUnreadBody, read_at_most

AT_MOST = 1000


def _reading(first: int) -> Any:
    """A WSGI app that reads `first` bytes of the body, then answers."""

    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        environ["wsgi.input"].read(first)
        start_response("413 Content Too Large", [("Content-Type", "text/plain")])
        return [b"too large"]

    return app


def _call(app: Any, body: bytes, length: str | None) -> tuple[io.BytesIO, list[bytes]]:
    stream = io.BytesIO(body)
    environ: dict[str, Any] = {"REQUEST_METHOD": "POST", "wsgi.input": stream}
    if length is not None:
        environ["CONTENT_LENGTH"] = length
    answer = list(ReadsUnreadBody(app, AT_MOST)(environ, lambda *_args: None))
    return stream, answer


@pytest.mark.parametrize("first", [0, 1, 400, 999, 1000])
def test_the_rest_of_the_body_is_read_whatever_the_app_read(first: int) -> None:
    stream, answer = _call(_reading(first), b"y" * 1000 + b"next request", "1000")
    assert answer == [b"too large"]
    # Exactly the body: not a byte of what follows it on the connection.
    assert stream.tell() == 1000


def test_a_body_larger_than_any_route_takes_is_left_unread() -> None:
    stream, _answer = _call(_reading(0), b"y" * 5000, "5000")
    assert stream.tell() == 0


@pytest.mark.parametrize("length", [None, "", "0", "not a number"])
def test_a_body_without_a_length_is_left_to_the_server(length: str | None) -> None:
    stream, _answer = _call(_reading(0), b"y" * 10, length)
    assert stream.tell() == 0


def test_a_client_that_leaves_early_ends_the_reading() -> None:
    stream, answer = _call(_reading(10), b"y" * 300, "1000")
    assert answer == [b"too large"] and stream.tell() == 300


def test_lines_and_iteration_are_counted() -> None:
    def by_lines(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        body = environ["wsgi.input"]
        assert body.readline() == b"a\n"
        assert body.readline(1) == b"b"
        assert next(iter(body)) == b"\n"
        start_response("200 OK", [])
        return [b""]

    stream, _answer = _call(by_lines, b"a\nb\nc" + b"z" * 100, "105")
    assert stream.tell() == 105


def test_the_bound_is_twice_the_largest_upload_a_route_takes() -> None:
    config = {"MAX_CONTENT_LENGTH": 10, "MEMORY_IMPORT_MAX_BYTES": 20, "TERMS_IMPORT_MAX_BYTES": 5}
    assert read_at_most(config) == 40
