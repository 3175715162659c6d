"""The desk's termbase: terms per language pair, found in sources and offered to translators."""

# Registers the mapper event that keeps each term's listing columns, before any write.
from translate_flow.terms import listing as _listing  # noqa: F401
