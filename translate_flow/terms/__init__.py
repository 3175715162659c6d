"""The desk's termbase: terms per language pair, found in sources and offered to translators."""
