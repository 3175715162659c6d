"""The memory on each database: what is remembered, what is found, and what deletion leaves."""

import pytest
from sqlalchemy import func, select

from translate_flow.domain.models import Role, Translation, TranslationSegment
from translate_flow.domain.models.memory import (
    MemoryCollection,
    MemoryTerm,
    MemoryTermCount,
    MemoryUnit,
)
from translate_flow.memory.index import term_hashes
from translate_flow.memory.matching import concordance, find_matches
from translate_flow.memory.operations import (
    UnitText,
    add_to_collection,
    create_collection,
    delete_collection,
    delete_unit,
    mark_withdrawn,
    remember_translation,
)

PARAGRAPH = (
    "The two governments agreed on Tuesday to extend the defence budget for another five "
    "years, a decision that analysts in Tokyo and Washington described as a quiet but "
    "important signal to the region today about the future of the alliance."
)
JAPANESE = (
    "日米両政府は火曜日、在日米軍駐留経費の負担、"
    "いわゆる思いやり予算を今後五年間延長することで合意した。"
)
FILLER = [
    UnitText(f"Unrelated sentence number {n} about rice prices.", f"Oración {n}.")
    for n in range(30)
]


@pytest.fixture
def collection(session):
    return create_collection(
        session, name="Old desk", source_language="en", target_language="es", created_by=None
    )


def _units(session) -> int:
    return session.scalar(select(func.count()).select_from(MemoryUnit))


def _terms(session) -> int:
    return session.scalar(select(func.count()).select_from(MemoryTerm))


def _counts_are_exact(session) -> bool:
    """The term counts say exactly how many units have each term, and nothing else."""
    session.flush()
    actual = dict(
        session.execute(select(MemoryTerm.term, func.count()).group_by(MemoryTerm.term)).all()
    )
    kept = dict(session.execute(select(MemoryTermCount.term, MemoryTermCount.units)).all())
    return actual == kept


def test_a_paragraph_with_one_word_changed_is_found_near_100(session, collection):
    add_to_collection(session, collection, [*FILLER, UnitText(PARAGRAPH, "Los dos gobiernos…")])
    matches = find_matches(session, "en", "es", PARAGRAPH.replace("Tuesday", "Monday"))
    assert [(m.score, m.target) for m in matches] == [(97, "Los dos gobiernos…")]
    assert matches[0].origin.collection_name == "Old desk"


def test_exact_and_unrelated(session, collection):
    add_to_collection(session, collection, [*FILLER, UnitText(PARAGRAPH, "Los dos gobiernos…")])
    assert [m.score for m in find_matches(session, "en", "es", PARAGRAPH)] == [100]
    assert find_matches(session, "en", "es", "Prices of tea fell sharply in Lima.") == []
    # Another pair knows nothing of these units.
    assert find_matches(session, "en", "fr", PARAGRAPH) == []


@pytest.mark.parametrize(
    ("remembered", "asked", "expected"),
    [
        (JAPANESE, JAPANESE.replace("火", "月"), 97),
        (JAPANESE, JAPANESE, 100),
        ("党", "党", 100),
        ("東京", "東京", 100),
        ("東京都", "東京", None),  # 66, under the threshold
        ("同盟国", "同盟国の", 75),
        (JAPANESE, "コメの価格が首都で急騰した。", None),
    ],
)
def test_japanese_and_short_segments(session, remembered, asked, expected):
    collection = create_collection(
        session, name="ja", source_language="ja", target_language="en", created_by=None
    )
    add_to_collection(session, collection, [UnitText(remembered, "English")])
    scores = [m.score for m in find_matches(session, "ja", "en", asked)]
    assert scores == ([] if expected is None else [expected])


def test_chinese_one_character_changed(session):
    collection = create_collection(
        session, name="zh", source_language="zh", target_language="en", created_by=None
    )
    source = "美国国会周二通过了新的国防预算法案，总额比去年增加百分之五。"
    add_to_collection(session, collection, [UnitText(source, "Congress passed…")])
    assert [m.score for m in find_matches(session, "zh", "en", source.replace("二", "三"))] == [96]


def test_translation_is_remembered_with_context_and_updated_in_place(
    session, make_user, make_article
):
    coordinator = make_user(Role.COORDINATOR)
    article = make_article(
        coordinator, body="日米同盟の将来。\n\n思いやり予算の延長。", source_language="ja"
    )
    translation = session.scalars(
        select(Translation).where(Translation.article_id == article.id)
    ).first()
    rows = session.scalars(
        select(TranslationSegment)
        .where(TranslationSegment.translation_id == translation.id)
        .order_by(TranslationSegment.id)  # in the order of the source: the last paragraph last
    ).all()
    for number, row in enumerate(rows):
        row.text = f"Translated segment {number}"
    session.flush()
    assert remember_translation(session, translation) == len(rows)
    title = article.title
    # The second paragraph follows the first: with that context, 101; without, 100.
    context = find_matches(session, "ja", "en", "思いやり予算の延長。", "日米同盟の将来。")
    assert [m.score for m in context] == [101]
    assert context[0].origin.article_title == title
    assert [m.score for m in find_matches(session, "ja", "en", "思いやり予算の延長。")] == [100]
    assert [m.score for m in find_matches(session, "ja", "en", "思いやり予算の延長。", "別")] == [
        100
    ]
    # Republished with a correction: the same unit, new text, no stale index rows.
    units_before, terms_before = _units(session), _terms(session)
    rows[-1].text = "Corrected"
    session.flush()
    remember_translation(session, translation)
    assert _units(session) == units_before
    assert _counts_are_exact(session)
    assert [m.target for m in find_matches(session, "ja", "en", "思いやり予算の延長。")] == [
        "Corrected"
    ]
    assert _terms(session) <= terms_before
    # Withdrawn: still found, marked so; the translation being edited can leave itself out.
    mark_withdrawn(session, translation)
    session.expire_all()
    assert find_matches(session, "ja", "en", "思いやり予算の延長。")[0].origin.withdrawn
    assert (
        find_matches(
            session, "ja", "en", "思いやり予算の延長。", exclude_translation_id=translation.id
        )
        == []
    )


def test_deleting_a_collection_leaves_no_units_or_index_rows(session, collection):
    other = create_collection(
        session, name="Kept", source_language="en", target_language="es", created_by=None
    )
    add_to_collection(session, other, [UnitText("Kept sentence.", "Frase.")])
    kept_units, kept_terms = _units(session), _terms(session)
    add_to_collection(session, collection, [*FILLER, UnitText(PARAGRAPH, "Los dos…")])
    delete_collection(session, collection)
    session.flush()
    assert (_units(session), _terms(session)) == (kept_units, kept_terms)
    assert session.scalar(select(func.count()).select_from(MemoryCollection)) == 1
    assert _counts_are_exact(session)


def test_deleting_a_unit_takes_its_index_rows(session, collection):
    add_to_collection(session, collection, [UnitText(PARAGRAPH, "Los dos…")])
    unit = session.scalars(select(MemoryUnit)).one()
    delete_unit(session, unit)
    assert (_units(session), _terms(session)) == (0, 0)
    assert session.scalar(select(func.count()).select_from(MemoryTermCount)) == 0


def test_term_counts_follow_every_write(session, make_user, make_article):
    """Adding, updating in place and deleting keep each term's count exact: matching picks
    the rarest terms by these counts."""
    # The article first: its factory commits, which SQLite allows only before this session writes.
    coordinator = make_user(Role.COORDINATOR)
    article = make_article(
        coordinator, body="日米同盟の将来。\n\n同盟国との協議。", source_language="ja"
    )
    collection = create_collection(
        session, name="Old desk", source_language="en", target_language="es", created_by=None
    )
    add_to_collection(session, collection, [*FILLER, UnitText(PARAGRAPH, "Los dos…")])
    add_to_collection(session, collection, [UnitText(PARAGRAPH, "Otra vez…")])
    assert _counts_are_exact(session)
    governments = session.scalar(
        select(MemoryTermCount.units).where(
            MemoryTermCount.term == term_hashes("en", "es", "source", ["governments"])[0]
        )
    )
    assert governments == 2
    translation = session.scalars(
        select(Translation).where(Translation.article_id == article.id)
    ).first()
    rows = session.scalars(
        select(TranslationSegment).where(TranslationSegment.translation_id == translation.id)
    ).all()
    for number, row in enumerate(rows):
        row.text = f"The alliance, part {number}"
    session.flush()
    remember_translation(session, translation)
    assert _counts_are_exact(session)
    for row in rows:
        row.text = "Rewritten entirely"
    rows[-1].text = ""  # no longer translated: its unit goes
    session.flush()
    remember_translation(session, translation)
    assert _counts_are_exact(session)
    delete_unit(session, session.scalars(select(MemoryUnit).order_by(MemoryUnit.id)).first())
    assert _counts_are_exact(session)
    delete_collection(session, collection)
    assert _counts_are_exact(session)


def test_concordance_finds_a_two_character_word_on_either_side_newest_first(session):
    collection = create_collection(
        session, name="ja", source_language="ja", target_language="en", created_by=None
    )
    add_to_collection(
        session,
        collection,
        [
            UnitText("日米同盟の将来を考える。", "Thinking about the alliance's future."),
            UnitText("東京で会議が開かれた。", "A meeting was held in Tokyo."),
            UnitText("同盟国との協議。", "Talks with the allies."),
            *(UnitText(f"関係のない文{n}。", f"Unrelated {n}.") for n in range(25)),
        ],
    )
    page = concordance(session, "ja", "en", "同盟")
    assert [m.source for m in page.matches] == ["同盟国との協議。", "日米同盟の将来を考える。"]
    assert [m.source for m in concordance(session, "ja", "en", "TOKYO").matches] == [
        "東京で会議が開かれた。"
    ]
    # Paged: 25 of "Unrelated", newest first.
    first = concordance(session, "ja", "en", "unrelated", page_size=10)
    second = concordance(session, "ja", "en", "unrelated", page=3, page_size=10)
    assert first.has_next and not second.has_next
    assert first.matches[0].target == "Unrelated 24."
    assert len(second.matches) == 5
    # One character, not indexed inside words, is still found.
    assert len(concordance(session, "ja", "en", "盟").matches) == 2
    assert concordance(session, "ja", "en", "同盟会").matches == []
