"""The peer's texts, written by the desk's own generators so that both apps chew the same kind
of text: 150 Spanish paragraphs (bench.synthetic's writer, 25–70 words as the desk's article
paragraphs) and a Spanish→English memory the size the desk has per pair (its 100,000 units
over 20 pairs), plus each paragraph with a word changed, as the desk's benchmark memory has
for its editor's article.

    python -m bench.peer.texts OUT.json

Run in the desk's virtualenv; the peer's seed (in Weblate's) reads the JSON.
"""

import json
import random
import sys
from pathlib import Path

from bench.memory_data import _changed, writers
from bench.synthetic import LANGUAGES, Writer, _letters

UNITS = 150
MEMORY_UNITS = 5_000
SOURCE = "es"
TARGET = "en"


def texts(seed: int = 26) -> dict[str, object]:
    rnd = random.Random(seed)
    kind, letters, _country = LANGUAGES[SOURCE]
    writer = Writer(SOURCE, kind, _letters(letters), rnd)
    sources = [writer.paragraph(rnd.randint(25, 70)) for _ in range(UNITS)]
    zipf = writers({SOURCE, TARGET}, seed)
    memory = [
        {"source": zipf[SOURCE].unit_text(), "target": zipf[TARGET].text(rnd.randint(8, 40))}
        for _ in range(MEMORY_UNITS)
    ]
    memory += [{"source": _changed(text), "target": zipf[TARGET].text(30)} for text in sources]
    # Half the paragraphs already translated, as in a draft on the desk's editor.
    targets = [
        zipf[TARGET].text(len(text.split())) if n % 2 else "" for n, text in enumerate(sources)
    ]
    return {
        "source_language": SOURCE,
        "target_language": TARGET,
        "units": [{"source": s, "target": t} for s, t in zip(sources, targets, strict=True)],
        "memory": memory,
    }


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python -m bench.peer.texts OUT.json")
    Path(sys.argv[1]).write_text(json.dumps(texts(), ensure_ascii=False))


if __name__ == "__main__":
    main()
