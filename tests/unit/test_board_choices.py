"""The board's filter choices, read from indexes: distinct values by skipping, and the pairs
and people offered."""

from sqlalchemy import update

from translate_flow.core.distinct_values import distinct_values
from translate_flow.domain.models import Article, Role, Translation
from translate_flow.workflow.board import filter_choices


def test_distinct_values_skip_through_the_index_in_order(db, make_user, make_article):
    coordinator = make_user(Role.COORDINATOR)
    with db.session(write=False) as session:
        assert distinct_values(session, Article.source_language) == []
    for language in ["ru", "ja", "es-AR", "ja", "ar", "ru", "es"]:
        make_article(coordinator, source_language=language)
    with db.session(write=False) as session:
        assert distinct_values(session, Article.source_language) == [
            "ar",
            "es",
            "es-AR",
            "ja",
            "ru",
        ]
        assert distinct_values(session, Translation.target_language) == ["en"]


def test_distinct_values_leave_out_null(db, make_user, make_article):
    make_article(make_user(Role.COORDINATOR))
    with db.session(write=False) as session:
        assert distinct_values(session, Translation.translator_id) == []
    translator = make_user(Role.TRANSLATOR, pairs=["ja:en"])
    with db.transaction() as session:
        session.execute(update(Translation).values(translator_id=translator.id))
    with db.session(write=False) as session:
        assert distinct_values(session, Translation.translator_id) == [translator.id]


def test_filter_choices_pair_every_source_language_with_each_target(db, make_user, make_article):
    coordinator = make_user(Role.COORDINATOR)
    for language in ["ja", "es-AR", "es", "en"]:
        make_article(coordinator, source_language=language)
    with db.session(write=False) as session:
        choices = filter_choices(session)
    # Regional variants fold into their language, and English into English is no pair.
    assert choices.pairs == [("es", "en"), ("ja", "en")]


def test_filter_choices_offer_the_people_who_translate_or_review(db, make_user):
    make_user(Role.COORDINATOR, name="Cora")
    zoe = make_user(Role.TRANSLATOR, name="zoë", pairs=["ja:en"])
    abe = make_user(Role.REVIEWER, name="Abe", pairs=["ja:en"], reviews=["ja:en"])
    gone = make_user(Role.TRANSLATOR, name="Max", pairs=["ja:en"], active=False)
    with db.session(write=False) as session:
        people = filter_choices(session).people
    assert people == [
        (abe.id, "Abe"),
        (gone.id, "Max"),
        (zoe.id, "zoë"),
    ]
