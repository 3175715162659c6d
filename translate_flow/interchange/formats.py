"""The file formats a translation goes out and comes back in, by name: a registry.

A format is a writer (the translation's document → the file's bytes, in chunks) and a reader
(an uploaded stream → the units it holds, or `FileRefused` for the whole file), with the
first bytes that tell its files apart. XLIFF 1.2 and 2.1 register here; the bilingual .docx
registers the same way beside them, and the API, the pages and `applying` know formats only
through this module.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from translate_flow.interchange import docx_writing, xliff12_writing, xliff21_writing
from translate_flow.interchange.docx_reading import read_docx, sniff_docx
from translate_flow.interchange.units import OfflineDocument
from translate_flow.interchange.uploaded import ByteStream, ReadFile
from translate_flow.interchange.xliff_reading import read_xliff, sniff_xml

Writer = Callable[[OfflineDocument], Iterator[bytes]]
Reader = Callable[[ByteStream, int], ReadFile]


@dataclass(frozen=True, slots=True)
class Format:
    name: str  # as the API's `format` names it
    label: str  # as pages name it
    extension: str
    mime_type: str
    write: Writer
    read: Reader | None  # None: download only
    # Whether a file starting with these bytes is one of this format's (before reading it).
    sniff: Callable[[bytes], bool]


def _xliff(name: str, label: str, mime_type: str, write: Writer) -> Format:
    # One reader for every XLIFF version: the file says which it is.
    return Format(name, label, "xlf", mime_type, write, read=read_xliff, sniff=sniff_xml)


XLIFF12 = _xliff("xliff12", "XLIFF 1.2", xliff12_writing.MIME_TYPE, xliff12_writing.write_xliff12)
XLIFF21 = _xliff("xliff21", "XLIFF 2.1", xliff21_writing.MIME_TYPE, xliff21_writing.write_xliff21)

DOCX = Format(
    name="docx",
    label="Word table (.docx)",
    extension="docx",
    mime_type=docx_writing.MIME_TYPE,
    write=docx_writing.write_docx,
    read=read_docx,
    sniff=sniff_docx,
)

# In the order pages offer them.
_FORMATS: dict[str, Format] = {f.name: f for f in (XLIFF12, XLIFF21, DOCX)}


def register(format_: Format) -> None:
    """Add or replace a format (tests; a format kept in its own module)."""
    _FORMATS[format_.name] = format_


def formats() -> list[Format]:
    return list(_FORMATS.values())


def get_format(name: str) -> Format | None:
    return _FORMATS.get(name)


# Enough of a file's start to tell a zip from XML behind a byte-order mark and a declaration.
SNIFF_BYTES = 512


def reader_for(head: bytes) -> Format | None:
    """The format whose files start as `head` does, among those that read."""
    return next((f for f in _FORMATS.values() if f.read is not None and f.sniff(head)), None)
