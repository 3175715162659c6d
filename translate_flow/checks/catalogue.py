"""Every check the desk runs: importing a check's module registers it (`base.register`)."""

from translate_flow.checks import (
    brackets,  # noqa: F401
    consistency,  # noqa: F401
    glossary_check,  # noqa: F401
    length_ratio,  # noqa: F401
    numbers_check,  # noqa: F401
    placeables,  # noqa: F401
    punctuation,  # noqa: F401
    spacing,  # noqa: F401
    tags_check,  # noqa: F401
    untranslated,  # noqa: F401
)
