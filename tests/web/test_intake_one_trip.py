"""Intake in one trip: the outlet gives the source language, every field error shows at once,
and “Save and assign” saves the article and assigns its translation in the same request, or
saves nothing."""

import html
from datetime import date, timedelta

from sqlalchemy import func, select

from tests.web.test_article_intake import article_fields, post_article_form
from tests.web.test_board import add_outlet
from translate_flow.domain.models import Article, Role, Translation, TranslationState

NEXT_WEEK = date.today() + timedelta(days=7)


def articles_stored(app) -> int:  # type: ignore[no-untyped-def]
    with app.extensions["translate_flow.db"].transaction() as session:
        return session.scalar(select(func.count()).select_from(Article)) or 0


def the_translation(app) -> Translation:  # type: ignore[no-untyped-def]
    with app.extensions["translate_flow.db"].transaction() as session:
        translation = session.scalars(select(Translation)).one()
        session.expunge(translation)
        return translation


def text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.get_data(as_text=True))


def test_the_outlet_select_carries_each_outlets_language_for_the_page(app, signed_in):
    client, coordinator = signed_in(Role.COORDINATOR)
    outlet_id = add_outlet(app, coordinator, "Asahi Shimbun")

    page = text(client.get("/articles/new"))

    assert f'data-languages="{{"{outlet_id}": "ja"}}"' in page
    assert "app/intake.js" in page


def test_without_javascript_an_empty_language_is_the_outlets(app, signed_in):
    client, coordinator = signed_in(Role.COORDINATOR)
    outlet_id = add_outlet(app, coordinator, "Asahi Shimbun")

    response = post_article_form(
        client,
        "/articles/new",
        {**article_fields(source_language="", outlet_id=str(outlet_id)), "action": "save"},
    )

    assert response.status_code == 302
    with app.extensions["translate_flow.db"].transaction() as session:
        assert session.scalar(select(Article.source_language)) == "ja"


def test_a_language_typed_by_hand_wins_over_the_outlets(app, signed_in):
    client, coordinator = signed_in(Role.COORDINATOR)
    outlet_id = add_outlet(app, coordinator, "Asahi Shimbun")
    post_article_form(
        client,
        "/articles/new",
        {**article_fields(source_language="es", outlet_id=str(outlet_id)), "action": "save"},
    )
    with app.extensions["translate_flow.db"].transaction() as session:
        assert session.scalar(select(Article.source_language)) == "es"


def test_every_field_error_shows_at_once(app, signed_in):
    client, _coordinator = signed_in(Role.COORDINATOR)

    response = post_article_form(
        client,
        "/articles/new",
        {
            **article_fields(title="", source_language="qq-nonsense", published_on="31/31/2026"),
            "action": SAVE_AND_ASSIGN,
        },
    )
    page = text(response)

    assert response.status_code == 400
    for field in ("title", "source_language", "published_on", "assign_translator_id"):
        assert f'id="{field}-error"' in page, field
    assert 'id="assign_due_on-error"' in page
    assert articles_stored(app) == 0


SAVE_AND_ASSIGN = "save_assign"


def test_save_and_assign_saves_and_assigns_in_one_request(app, signed_in, make_user):
    client, _coordinator = signed_in(Role.COORDINATOR)
    translator = make_user(Role.TRANSLATOR, pairs=["es:en"], name="Tomás Translator")
    reviewer = make_user(Role.REVIEWER, reviews=["es:en"], name="Rita Reviewer")

    response = post_article_form(
        client,
        "/articles/new",
        {
            **article_fields(),
            "assign_translator_id": str(translator.id),
            "assign_reviewer_id": str(reviewer.id),
            "assign_due_on": NEXT_WEEK.isoformat(),
            "assign_target_language": "en",
            "action": SAVE_AND_ASSIGN,
        },
    )

    assert response.status_code == 302
    translation = the_translation(app)
    assert translation.state == TranslationState.DRAFT
    assert (translation.translator_id, translation.reviewer_id) == (translator.id, reviewer.id)
    assert translation.due_at is not None and translation.due_at.date() == NEXT_WEEK
    shown = text(client.get(response.headers["Location"]))
    assert "Assigned to Tomás Translator, reviewed by Rita Reviewer" in shown


def test_a_refused_assignment_saves_nothing_and_keeps_the_form(app, signed_in, make_user):
    client, _coordinator = signed_in(Role.COORDINATOR)
    wrong_pair = make_user(Role.TRANSLATOR, pairs=["ja:en"])

    response = post_article_form(
        client,
        "/articles/new",
        {
            **article_fields(title="Kept in the form"),
            "assign_translator_id": str(wrong_pair.id),
            "assign_due_on": NEXT_WEEK.isoformat(),
            "assign_target_language": "en",
            "action": SAVE_AND_ASSIGN,
        },
    )
    page = text(response)

    assert 400 <= response.status_code < 500
    assert "Nothing was saved:" in page
    assert 'value="Kept in the form"' in page
    assert articles_stored(app) == 0


def test_plain_save_needs_no_assignment(app, signed_in):
    client, _coordinator = signed_in(Role.COORDINATOR)
    response = post_article_form(client, "/articles/new", {**article_fields(), "action": "save"})
    assert response.status_code == 302
    assert the_translation(app).state == TranslationState.OPEN


def test_a_translator_cannot_save_and_assign(app, signed_in, make_user):
    client, translator = signed_in(Role.TRANSLATOR, pairs=["es:en"])
    response = post_article_form(
        client,
        "/articles/new",
        {
            **article_fields(),
            "assign_translator_id": str(translator.id),
            "assign_due_on": NEXT_WEEK.isoformat(),
            "action": SAVE_AND_ASSIGN,
        },
    )
    assert response.status_code == 403
    assert articles_stored(app) == 0
