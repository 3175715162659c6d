"""Each term's folded search text and collation key, so the termbase page pages in SQL.

Existing terms are filled here with the folding and collation the termbase's listing module
applies (written out, as migrations import no application code); new writes keep both
through a mapper event.

Revision ID: e255c36eca0d
Revises: e89779d869d5
Create Date: 2026-12-12 09:00:00
"""

import json
import re
import struct
import unicodedata
from collections.abc import Sequence

import pyuca
import sqlalchemy as sa
from alembic import op

revision: str = "e255c36eca0d"
down_revision: str | Sequence[str] | None = "e89779d869d5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def _fold(text: str) -> str:
    return "".join(
        _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", char).casefold())
        for char in text.strip()
    )


def _list(value: object) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value)
    return [str(item) for item in value or []]  # type: ignore[attr-defined]


def upgrade() -> None:
    collator = pyuca.Collator()
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("sort_key", sa.LargeBinary(), nullable=True))
        batch_op.create_index(
            "ix_terms_pair_sort", ["source_language", "target_language", "sort_key"], unique=False
        )
    connection = op.get_bind()
    terms = sa.table(
        "terms",
        sa.column("id", sa.Integer),
        sa.column("source", sa.String),
        sa.column("variants", sa.JSON),
        sa.column("targets", sa.JSON),
        sa.column("note", sa.Text),
        sa.column("search_text", sa.Text),
        sa.column("sort_key", sa.LargeBinary),
    )
    rows = connection.execute(
        sa.select(terms.c.id, terms.c.source, terms.c.variants, terms.c.targets, terms.c.note)
    ).all()
    for term_id, source, variants, targets, note in rows:
        connection.execute(
            terms.update()
            .where(terms.c.id == term_id)
            .values(
                search_text="\n".join(
                    _fold(text)
                    for text in [source, *_list(variants), *_list(targets), note]
                    if text
                ),
                sort_key=struct.pack(f">{len(weights := collator.sort_key(source))}H", *weights),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.drop_index("ix_terms_pair_sort")
        batch_op.drop_column("sort_key")
        batch_op.drop_column("search_text")
