"""The built-in engines; importing this package registers each kind in ENGINE_KINDS."""

from translate_flow.machine.engines import (
    apertium,
    deepl,
    google,
    libretranslate,
    openai_compatible,
)

__all__ = ["apertium", "deepl", "google", "libretranslate", "openai_compatible"]
