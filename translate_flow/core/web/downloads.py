"""The Content-Disposition header for a file the site hands out, whatever script its name is in.

A header value must be Latin-1: gunicorn refuses a raw Japanese file name with a 500 (and the
development server drops the connection). RFC 6266 gives the name twice: `filename*` in UTF-8,
percent-encoded (RFC 8187), which every current browser reads, and a plain ASCII `filename`
for the clients that do not.
"""

import re
import unicodedata
from typing import Literal
from urllib.parse import quote

# What may stand unquoted-safe inside the quoted ASCII fallback: no quote, backslash, control
# character, path separator or anything a file system would object to.
_NOT_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
# Characters RFC 8187's attr-char allows unescaped, besides letters and digits.
_ATTR_CHARS = "!#$&+-.^_`|~"


def ascii_filename(filename: str, default: str = "download") -> str:
    """The name with accents dropped and every other non-ASCII run made a hyphen; `default`
    keeps the extension when nothing of the stem is left (an all-Japanese title)."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    plain = _NOT_FILENAME.sub("-", plain).strip("-.")
    extension = _NOT_FILENAME.sub("", extension)
    return (plain or default) + (f".{extension}" if extension else "")


def content_disposition(
    filename: str, *, disposition: Literal["inline", "attachment"] = "attachment"
) -> str:
    fallback = ascii_filename(filename)
    if fallback == filename:
        return f'{disposition}; filename="{filename}"'
    encoded = quote(filename, safe=_ATTR_CHARS, encoding="utf-8")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"
