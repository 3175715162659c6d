"""Where words end in scripts written without spaces between them (Thai, Lao, Khmer, Myanmar).

ICU's word break iterator with its dictionaries for these scripts (through icu4py, a wheel
that carries ICU 78), the boundaries CAT tools and browsers' `Intl.Segmenter` use. About
0.4 µs a character.
"""

import re

from icu4py.breakers import WordBreaker

# Runs of the four scripts (with their marks and digits), whose words a dictionary finds.
DICTIONARY_RUN = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\ua9e0-\ua9ff\uaa60-\uaa7f]+"
)


def dictionary_word_spans(run: str) -> list[tuple[int, int]]:
    """The words of a run of those scripts, as (start, end): ICU's pieces with a letter or digit."""
    return [
        (start, end)
        for start, end in WordBreaker(run, "und").segments()
        if any(char.isalnum() for char in run[start:end])
    ]


def dictionary_words(run: str) -> list[str]:
    return [run[start:end] for start, end in dictionary_word_spans(run)]
