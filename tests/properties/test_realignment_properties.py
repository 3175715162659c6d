"""Corrections never lose a translated word, whatever the outlet changed."""

import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.db import Database
from translate_flow.domain.models import Base, Role, Translation, TranslationSegment, User, UserRole
from translate_flow.intake.articles import ArticleInput, correct_article, create_article

WORDS = ["alliance", "tariff", "election", "minister", "market", "東京", "выборы", "سياسة"]
paragraph = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
paragraphs = st.lists(paragraph, min_size=1, max_size=8)


@pytest.fixture(scope="module")
def database() -> Iterator[Database]:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'properties.sqlite3'}")
        Base.metadata.create_all(db.engine)
        with db.transaction() as session:
            user = User(email="c@example.org", email_key="c@example.org", display_name="C")
            user.role_rows = [UserRole(role=Role.COORDINATOR)]
            session.add(user)
        yield db
        db.dispose()


def _rows(session: Session) -> list[TranslationSegment]:
    return list(session.scalars(select(TranslationSegment)))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(before=paragraphs, after=paragraphs, translated=st.lists(st.booleans(), max_size=10))
def test_every_translated_text_survives_a_correction(database, before, after, translated):
    with database.session(write=True) as session:
        coordinator = session.scalar(select(User))
        article = create_article(
            session,
            coordinator,
            ArticleInput(title="Title", body="\n\n".join(before), source_language="de"),
            target_languages=["en"],
        )
        for row, wanted in zip(_rows(session), translated, strict=False):
            if wanted:
                row.text = f"translation {row.id}"
        session.flush()
        texts_before = Counter(row.text for row in _rows(session) if row.text)

        result = correct_article(
            session,
            coordinator,
            article,
            ArticleInput(title="Title", body="\n\n".join(after), source_language="de"),
        )

        rows = _rows(session)
        # Nothing written is ever dropped: it is either still in place or set aside.
        assert Counter(row.text for row in rows if row.text) == texts_before
        current = article.current_revision
        translation = session.scalar(select(Translation))
        assert translation.source_revision_id == current.id
        active = [row for row in rows if row.set_aside_at is None]
        # Exactly one active row per segment of the corrected text.
        assert sorted(row.segment_id for row in active) == sorted(s.id for s in current.segments)
        # Only rows with text carry the "source changed" flag.
        assert all(row.text for row in active if row.source_changed_from_id is not None)
        if result.revision is not None:
            assert result.added + sum(
                1 for s in current.segments if s.previous_id is not None
            ) == len(current.segments)
        session.rollback()
