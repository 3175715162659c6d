"""Article bodies in: plain text, Markdown, HTML or an uploaded file, out as sanitised NFC HTML."""

import codecs
import html
import io
import re
import zipfile
import zlib
from enum import StrEnum
from itertools import groupby
from pathlib import PureWindowsPath
from typing import Any
from xml.parsers import expat

from markdown_it import MarkdownIt

from translate_flow.core.errors import ValidationFailed
from translate_flow.intake import limits as intake_limits
from translate_flow.text.sanitising import TEXT_ONLY, sanitise_html


class BodyFormat(StrEnum):
    """How the body of an article is written when it reaches the desk."""

    TEXT = "text"  # paragraphs separated by blank lines (or one per line)
    MARKDOWN = "markdown"  # CommonMark; raw HTML allowed, then sanitised
    HTML = "html"


_MARKDOWN = MarkdownIt("commonmark")

_MIB = 1024 * 1024
_TEXT_FORMATS = {
    ".txt": BodyFormat.TEXT,
    ".md": BodyFormat.MARKDOWN,
    ".markdown": BodyFormat.MARKDOWN,
    ".html": BodyFormat.HTML,
    ".htm": BodyFormat.HTML,
}
_ACCEPTED = ", ".join([*_TEXT_FORMATS, ".docx"])
# The HTML standard's pre-scan looks at the first 1024 bytes for a declared encoding.
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


def _has_text(body_html: str) -> bool:
    return bool(html.unescape(TEXT_ONLY.clean(body_html)).strip())


def _text_to_html(text: str) -> str:
    lines = [line.strip() for line in text.splitlines()]
    filled = [index for index, line in enumerate(lines) if line]
    if filled and "" in lines[filled[0] : filled[-1]]:
        # Blank lines separate paragraphs; the lines between them are hard wraps of one.
        texts = [" ".join(run) for is_text, run in groupby(lines, key=bool) if is_text]
    else:
        # Without a single blank line the writer put one paragraph on each line.
        texts = [line for line in lines if line]
    if len(texts) > intake_limits.MAX_SEGMENTS:
        raise intake_limits.too_many_segments()
    return "\n".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in texts)


def body_to_html(body: str, body_format: BodyFormat) -> str:
    """The body as sanitised NFC HTML; raises ValidationFailed if no text is left.

    Raises TooLarge (or ValidationFailed, for nesting) before converting or sanitising a body
    that would cost more than an article can; see intake_limits.
    """
    if not body.strip():
        raise ValidationFailed("The article body is empty.")
    if body_format != BodyFormat.HTML:
        # Text and Markdown come out about as long as they go in; HTML may shed scripts.
        intake_limits.check_body_length(body)
    if body_format == BodyFormat.TEXT:
        converted = _text_to_html(body)
    elif body_format == BodyFormat.MARKDOWN:
        intake_limits.check_markdown(body)
        converted = _MARKDOWN.render(body)
        intake_limits.check_body_html(converted)  # raw HTML passes through Markdown
    else:
        intake_limits.check_body_html(body)
        converted = body
    cleaned = sanitise_html(converted)
    intake_limits.check_body_length(cleaned)
    if not _has_text(cleaned):
        raise ValidationFailed(
            "The article body has no text once scripts, images and other unsupported content "
            "are removed."
        )
    return cleaned


def _declared_encoding(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:1024])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    # A declaration read as ASCII cannot be true of UTF-16 or UTF-32; the standard says UTF-8.
    return None if name.startswith(("utf-16", "utf-32")) else name


def _decode_text(name: str, data: bytes, body_format: BodyFormat) -> str:
    not_text = ValidationFailed(
        f"“{name}” does not look like a text file. Save it as UTF-8 text and upload it again."
    )
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # the codec reads the byte order from the BOM and drops it
    elif b"\x00" in data:
        raise not_text  # no text encoding without a BOM has NUL bytes; images and archives do
    else:
        declared = _declared_encoding(data) if body_format == BodyFormat.HTML else None
        encoding = declared or "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise not_text from error
    if "\x00" in text:
        raise not_text  # e.g. UTF-32, whose BOM begins like UTF-16's
    return text


def _no_image(image: Any) -> dict[str, str]:
    # Images are dropped by the sanitiser anyway; returning no src spares reading their bytes.
    return {}


def _docx_to_html(name: str, data: bytes) -> str:
    not_word = ValidationFailed(f"“{name}” is not a Word document that can be read (.docx).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # mammoth builds a DOM of every part: a zip bomb or a billion nodes stop here.
            intake_limits.check_docx(name, archive)
    # A damaged archive or part (bad CRC, truncated, XML that does not parse).
    except (
        zipfile.BadZipFile,
        zlib.error,
        expat.ExpatError,
        EOFError,
        NotImplementedError,
    ) as error:
        raise not_word from error
    try:
        # mammoth weighs 11 MB; only .docx uploads need it.
        import mammoth

        result = mammoth.convert_to_html(
            io.BytesIO(data),
            convert_image=mammoth.images.img_element(_no_image),
            include_embedded_style_map=False,
        )
    # mammoth raises whatever its zip and XML layers raise on a damaged file (BadZipFile,
    # KeyError, OSError, ExpatError, ...); a bad upload is the person's to fix, not a crash.
    except Exception as error:
        raise not_word from error
    return str(result.value)


def decode_upload(
    filename: str, data: bytes, *, max_bytes: int = 5 * _MIB
) -> tuple[str, BodyFormat]:
    """The uploaded file's body and its format; raises ValidationFailed or TooLarge saying why."""
    name = PureWindowsPath(filename).name or "untitled"  # browsers on Windows once sent paths
    suffix = PureWindowsPath(name).suffix.lower()
    if suffix != ".docx" and suffix not in _TEXT_FORMATS:
        raise ValidationFailed(
            f"“{name}” is not a file type the desk can read. Upload one of: {_ACCEPTED}."
        )
    if not data:
        raise ValidationFailed(f"“{name}” is empty.")
    if len(data) > max_bytes:
        raise ValidationFailed(
            f"“{name}” is larger than {_megabytes(max_bytes)} MB, the most the desk accepts."
        )
    if suffix == ".docx":
        return _docx_to_html(name, data), BodyFormat.HTML
    body_format = _TEXT_FORMATS[suffix]
    return _decode_text(name, data, body_format), body_format


def _megabytes(size: int) -> str:
    return f"{size / _MIB:.1f}".removesuffix(".0")
