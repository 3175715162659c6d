"""Names sort in the Unicode Collation Algorithm's root order, in Python and in both databases."""

import random

import pytest
from sqlalchemy import insert, select

from translate_flow.domain.models import Outlet, User
from translate_flow.text.collation import collation_key

# Each list is in the order a reader expects; the test shuffles it and sorts it back.
ORDERS = {
    "accents sort with their letter": ["Apfel", "Arzt", "Ärzte", "Azur", "Berlin"],
    "ł just after l, before the next letter": ["Lodz", "Łódź", "Lyon", "Mainz"],
    "ё with е, before ж": ["Елена", "Ёлка", "Ель", "Жук"],
    "ö and ø with o": ["Ö", "Oslo", "Østerbro", "Östersund", "Oz", "Paris"],
    "case is a later level": ["emile", "Emile", "émile", "Émile", "Eve"],
    "a ligature as its letters": ["fiasco", "ﬁsh", "fit", "fjord"],
    "full-width as its ASCII form": ["Tokyo", "Ｔｏｋｙｏ", "Tokyo 2"],
    "ß as ss": ["Strasse", "Straße", "Strassen"],
    "digits before letters": ["1984", "Apfel"],
    "hiragana and katakana by sound": ["あさひ", "アサヒ", "きく", "さとう", "サトウ", "たなか"],
    "kana before kanji": ["よみうり", "岸田", "朝日"],
    "arabic letters, marks ignored first": ["أحمد", "ابن", "بيت", "مُحَمَّد", "محمود"],
    "scripts in the table's order": ["Zürich", "Ωmega", "Жук", "שלום", "مرحبا", "あさひ", "北京"],
}


@pytest.mark.parametrize("expected", ORDERS.values(), ids=list(ORDERS))
def test_collation_order(expected):
    shuffled = expected[:]
    random.Random(len(expected)).shuffle(shuffled)
    assert sorted(shuffled, key=collation_key) == expected


def test_white_space_runs_count_as_one_space():
    assert collation_key(" Le  Monde\n") == collation_key("Le Monde")


def test_language_is_accepted_and_root_order_applies():
    assert collation_key("Ärzte", "de") == collation_key("Ärzte")


NAMES = ["Zoë", "Ärzte Zeitung", "Łódź Daily", "Ёлка", "Arzt", "Lyon", "Елена", "岸田", "あさひ"]
EXPECTED = ["Arzt", "Ärzte Zeitung", "Łódź Daily", "Lyon", "Zoë", "Елена", "Ёлка", "あさひ", "岸田"]


def test_the_expected_order_is_the_key_order():
    assert sorted(NAMES, key=collation_key) == EXPECTED


def test_people_in_collation_order_in_sql(session, make_user):
    for name in NAMES:
        make_user(name=name)
    names = session.scalars(select(User.display_name).order_by(User.sort_key, User.id)).all()
    assert names == EXPECTED


def test_outlets_in_collation_order_in_sql(session):
    for name in NAMES:
        session.add(Outlet(name=name, name_key=name.casefold(), language="de"))
    session.flush()
    names = session.scalars(select(Outlet.name).order_by(Outlet.sort_key, Outlet.id)).all()
    assert names == EXPECTED


def test_a_renamed_outlet_moves(session):
    outlet = Outlet(name="Zeit", name_key="zeit", language="de")
    session.add_all([outlet, Outlet(name="Mainz", name_key="mainz", language="de")])
    session.flush()
    outlet.name = "Ärzte"
    session.flush()
    names = session.scalars(select(Outlet.name).order_by(Outlet.sort_key)).all()
    assert names == ["Ärzte", "Mainz"]


def test_rows_inserted_without_the_orm_get_their_key(session):
    rows = [
        {"name": name, "name_key": name.casefold(), "language": "de"} for name in ("Zeit", "Ärzte")
    ]
    session.execute(insert(Outlet.__table__), rows)
    names = session.scalars(select(Outlet.name).order_by(Outlet.sort_key)).all()
    assert names == ["Ärzte", "Zeit"]
