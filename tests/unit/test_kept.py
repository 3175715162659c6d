"""core.kept: a value read once and kept per database; forgotten when this process flushes a
change to a kind it watches, and read again when older than its time."""

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from translate_flow.core import kept


class Base(DeclarativeBase):
    pass


class Watched(Base):
    __tablename__ = "watched"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class AddedOnly(Base):
    __tablename__ = "added_only"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Unwatched(Base):
    __tablename__ = "unwatched"
    id: Mapped[int] = mapped_column(primary_key=True)


@pytest.fixture
def session() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all([Watched(id=1, name="a"), AddedOnly(id=1, name="x")])
        session.commit()
        yield session
    engine.dispose()


def names(session: Session) -> list[str]:
    return list(session.scalars(select(Watched.name).order_by(Watched.id)))


def test_kept_until_a_watched_kind_changes_in_this_process(session: Session) -> None:
    keeper = kept.Keeper(60, added=(AddedOnly,), changed=(Watched,))
    reads = []

    def read(s: Session) -> list[str]:
        reads.append(1)
        return names(s)

    assert keeper.get(session, "names", read) == ["a"]
    session.add(Unwatched(id=1))
    session.get_one(AddedOnly, 1).name = "renamed"  # only its rows added or deleted count
    session.flush()
    assert keeper.get(session, "names", read) == ["a"]
    assert len(reads) == 1

    session.get_one(Watched, 1).name = "b"
    session.flush()
    assert keeper.get(session, "names", read) == ["b"]
    session.add(AddedOnly(id=2, name="y"))
    session.flush()
    assert keeper.get(session, "names", read) == ["b"]
    assert len(reads) == 3


def test_read_again_when_older_than_its_time(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    keeper = kept.Keeper(30)
    assert keeper.get(session, "n", lambda s: 1) == 1
    assert keeper.get(session, "n", lambda s: 2) == 1
    later = kept.time.monotonic() + 31
    monkeypatch.setattr(kept.time, "monotonic", lambda: later)
    assert keeper.get(session, "n", lambda s: 3) == 3


def test_forget_all_empties_every_keeper(session: Session) -> None:
    keeper = kept.Keeper(60)
    keeper.get(session, "n", lambda s: 1)
    kept.forget_all()
    assert keeper.get(session, "n", lambda s: 2) == 2
