"""The memory's desk pages through the test client: the concordance (a two-character Japanese
word found and marked on both sides, newest first, paged), the collections page with its
confirmed deletions and TMX import, deleting one unit from a search, pre-filling a
translation from exact matches, and where the editor and the history say so."""

import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.conftest import post_form, sign_in
from tests.desk import ENGLISH, PARAGRAPHS, Desk
from tests.factories import ArticleFactory
from translate_flow.domain.models import (
    Role,
    SegmentRevision,
    Translation,
    TranslationSegment,
    User,
)
from translate_flow.domain.models.memory import MemoryCollection, MemoryTerm, MemoryUnit
from translate_flow.domain.models.revisions import RevisionOrigin
from translate_flow.domain.workflow import Action
from translate_flow.editing.saving import SuggestionUsed
from translate_flow.memory import operations
from translate_flow.memory.operations import UnitText
from translate_flow.workflow.transitions import fire

BUDGET = UnitText(
    "思いやり予算の増額が決まった。", "An increase in the host-nation support budget was decided."
)
OTHERS = [
    UnitText("同盟の行方を考える。", "Thinking about where the alliance goes."),
    UnitText("来年度の予算案が閣議決定された。", "The cabinet approved next year's budget."),
]
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT"
          adminlang="en" srclang="ja" datatype="plaintext"/>
  <body>
    <tu><tuv xml:lang="ja-JP"><seg>防衛予算が増える。</seg></tuv>
        <tuv xml:lang="en-US"><seg>The defence budget grows.</seg></tuv></tu>
    <tu><tuv xml:lang="ja-JP"><seg>首相が訪米した。</seg></tuv>
        <tuv xml:lang="en-US"><seg>The prime minister visited the United States.</seg></tuv></tu>
  </body>
</tmx>
"""


def page_text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def client_of(app: Flask, user: User) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, user.email).status_code == 302
    return client


def add_collection(desk: Desk, name: str, texts: list[UnitText]) -> int:
    with desk.session() as session:
        collection = operations.create_collection(
            session, name=name, source_language="ja", target_language="en", created_by=None
        )
        operations.add_to_collection(session, collection, texts)
        return collection.id


def counts(desk: Desk) -> tuple[int, int, int]:
    with desk.session() as session:
        return (
            session.scalar(select(func.count()).select_from(MemoryCollection)) or 0,
            session.scalar(select(func.count()).select_from(MemoryUnit)) or 0,
            session.scalar(select(func.count()).select_from(MemoryTerm)) or 0,
        )


@pytest.fixture
def budget(desk: Desk) -> int:
    """A collection "Editorials 2025" holding the budget sentence and two more."""
    return add_collection(desk, "Editorials 2025", [BUDGET, *OTHERS])


# --- The concordance -------------------------------------------------------------------------


def test_translator_finds_a_two_character_japanese_word_marked_on_both_sides(
    app: Flask, desk: Desk, budget: int
):
    response = client_of(app, desk.translator).get("/memory/", query_string={"q": "予算"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    hits = html.count('data-testid="memory-hit"')
    assert hits == 2  # the budget sentence and next year's budget; not the alliance
    assert "思いやり<mark>予算</mark>の増額が決まった。" in html
    assert "host-nation support budget" in html
    assert "Collection “Editorials 2025”" in html
    # The pair was the translator's own, chosen for them.
    assert re.search(r'<option selected value="ja:en">|<option value="ja:en" selected>', html)
    # No deleting for a translator.
    assert 'data-testid="delete-unit"' not in html


def test_a_phrase_of_the_translation_is_marked_there(app: Flask, desk: Desk, budget: int):
    response = client_of(app, desk.translator).get(
        "/memory/", query_string={"pair": "ja:en", "q": "Support  Budget"}
    )
    html = response.get_data(as_text=True)
    assert "host-nation <mark>support budget</mark> was decided." in html
    assert html.count('data-testid="memory-hit"') == 1


def test_results_come_newest_first_twenty_a_page(app: Flask, desk: Desk):
    add_collection(
        desk,
        "Numbered",
        [UnitText(f"予算の項目{n}番。", f"Budget item number {n}.") for n in range(1, 26)],
    )
    client = client_of(app, desk.translator)
    first = client.get("/memory/", query_string={"pair": "ja:en", "q": "予算"})
    html = first.get_data(as_text=True)
    assert html.count('data-testid="memory-hit"') == 20
    # The last added first.
    assert html.index("number 25.") < html.index("number 24.")
    assert 'rel="next"' in html
    second = client.get("/memory/", query_string={"pair": "ja:en", "q": "予算", "page": 2})
    html = second.get_data(as_text=True)
    assert html.count('data-testid="memory-hit"') == 5
    assert "number 1." in html and 'rel="prev"' in html and 'rel="next"' not in html


def test_a_search_finding_nothing_says_so_and_a_hostile_page_number_is_no_error(
    app: Flask, desk: Desk, budget: int
):
    client = client_of(app, desk.translator)
    html = page_text(client.get("/memory/", query_string={"pair": "ja:en", "q": "台風"}))
    assert "Nothing holds “台風”" in html
    odd = client.get("/memory/", query_string={"pair": "xx:", "q": "予算", "page": "９９" * 40})
    assert odd.status_code == 200
    too_long = client.get("/memory/", query_string={"pair": "ja:en", "q": "予" * 501})
    assert too_long.status_code == 400


def test_a_search_of_only_punctuation_says_why_it_found_nothing(
    app: Flask, desk: Desk, budget: int
):
    client = client_of(app, desk.translator)
    html = page_text(client.get("/memory/", query_string={"pair": "ja:en", "q": "!!! 🎉"}))
    assert 'data-testid="search-problem"' in html and "no letters or digits" in html
    assert 'data-testid="memory-hit"' not in html


def test_the_memory_is_in_the_navigation_for_the_desk(app: Flask, desk: Desk):
    html = client_of(app, desk.translator).get("/desk/").get_data(as_text=True)
    assert 'href="/memory/"' in html


# --- Collections: for coordinators -----------------------------------------------------------


def test_coordinator_sees_collections_with_their_sizes_and_export_links(
    app: Flask, desk: Desk, budget: int
):
    html = page_text(client_of(app, desk.coordinator).get("/memory/collections"))
    assert "Editorials 2025" in html
    assert re.search(r'data-testid="collection-units">3<', html)
    assert f"/api/v1/memory/export?collection={budget}" in html
    assert "/api/v1/memory/export?source_language=ja&amp;target_language=en" in html


@pytest.mark.parametrize("role", [Role.TRANSLATOR, Role.REVIEWER])
def test_translators_and_reviewers_may_not_manage_collections(
    app: Flask, desk: Desk, budget: int, make_user, role: Role
):
    client = client_of(app, make_user(role, pairs=["ja:en"]))
    before = counts(desk)
    assert client.get("/memory/collections").status_code == 403
    assert client.get(f"/memory/collections/delete?collection={budget}").status_code == 403
    refused = post_form(client, "/memory/collections/delete", {"item_id": budget})
    assert refused.status_code == 403
    with desk.session() as session:
        unit = session.scalars(select(MemoryUnit.id)).first()
    assert post_form(client, "/memory/units/delete", {"item_id": unit}).status_code == 403
    upload = post_form(
        client,
        "/memory/import",
        {"file": (io.BytesIO(TMX.encode()), "memory.tmx"), "collection": "Sneaky"},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 403
    assert counts(desk) == before


def test_coordinator_deletes_a_collection_after_confirming(app: Flask, desk: Desk, budget: int):
    desk.publish()  # the desk's own units stay
    client = client_of(app, desk.coordinator)
    asked = client.get(f"/memory/collections/delete?collection={budget}")
    text = page_text(asked)
    assert asked.status_code == 200
    assert "Delete the collection “Editorials 2025”?" in text and "Its 3 units" in text
    assert counts(desk)[0] == 1  # asking deletes nothing
    done = post_form(client, "/memory/collections/delete", {"item_id": budget})
    assert done.status_code == 302 and done.location.endswith("/memory/collections")
    flashed = page_text(client.get("/memory/collections"))
    assert "Deleted the collection “Editorials 2025” and its 3 units." in flashed
    with desk.session() as session:
        assert session.get(MemoryCollection, budget) is None
        left = session.scalars(select(MemoryUnit)).all()
        assert left and all(unit.collection_id is None for unit in left)
        # Nothing of the collection is left in the index.
        orphans = session.scalar(
            select(func.count())
            .select_from(MemoryTerm)
            .where(MemoryTerm.unit_id.not_in(select(MemoryUnit.id)))
        )
        assert orphans == 0
    again = post_form(client, "/memory/collections/delete", {"item_id": budget})
    assert again.status_code == 404


def test_a_deletion_without_its_token_is_refused(app: Flask, desk: Desk, budget: int):
    client = client_of(app, desk.coordinator)
    response = client.post("/memory/collections/delete", data={"item_id": budget})
    assert response.status_code == 400
    assert counts(desk)[0] == 1


def test_coordinator_deletes_one_unit_from_a_search_result(app: Flask, desk: Desk, budget: int):
    client = client_of(app, desk.coordinator)
    html = client.get("/memory/", query_string={"pair": "ja:en", "q": "思いやり"}).get_data(
        as_text=True
    )
    link = re.search(r'href="(/memory/units/delete\?[^"]+)" data-testid="delete-unit"', html)
    assert link, html
    confirm = client.get(link.group(1).replace("&amp;", "&"))
    assert confirm.status_code == 200
    assert "Delete this unit from the memory?" in page_text(confirm)
    form = confirm.get_data(as_text=True)
    fields = dict(
        re.findall(r'name="(item_id|back_pair|back_q|back_page)"[^>]*value="([^"]*)"', form)
    )
    assert fields["back_q"] == "思いやり"
    done = post_form(client, "/memory/units/delete", fields)
    assert done.status_code == 302
    assert done.location.startswith("/memory/?pair=ja:en&q=")
    after = client.get(done.location).get_data(as_text=True)
    assert "Deleted the unit" in after
    assert 'data-testid="memory-hit"' not in after
    assert counts(desk)[1] == 2


def test_coordinator_imports_a_tmx_file_and_the_same_file_again_adds_nothing(
    app: Flask, desk: Desk
):
    client = client_of(app, desk.coordinator)

    def upload():  # type: ignore[no-untyped-def]
        return post_form(
            client,
            "/memory/import",
            {"file": (io.BytesIO(TMX.encode()), "omegat.tmx"), "collection": "OmegaT project"},
            content_type="multipart/form-data",
            follow_redirects=True,
        )

    first = page_text(upload())
    assert "Imported into “OmegaT project” (ja → en): 2 added, 0 skipped" in first
    assert "OmegaT project" in first
    second = page_text(upload())
    assert "0 added, 2 skipped" in second
    found = client.get("/memory/", query_string={"pair": "ja:en", "q": "予算"})
    assert "防衛<mark>予算</mark>が増える。" in found.get_data(as_text=True)


def test_a_malformed_file_is_refused_with_a_sentence_and_nothing_is_kept(app: Flask, desk: Desk):
    client = client_of(app, desk.coordinator)
    response = post_form(
        client,
        "/memory/import",
        {"file": (io.BytesIO(b"<tmx><body><tu>"), "broken.tmx"), "collection": "Broken"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert 'class="form-errors"' in response.get_data(as_text=True)
    assert counts(desk) == (0, 0, 0)
    missing = post_form(client, "/memory/import", {"collection": "No file"})
    assert missing.status_code == 400
    assert "Choose a TMX file to import." in missing.get_data(as_text=True)


# --- Pre-fill --------------------------------------------------------------------------------


@pytest.fixture
def second(app: Flask, desk: Desk, make_article: ArticleFactory) -> int:
    """The first article published (its text in the memory); a second with the same paragraphs
    and one new one, claimed by the same translator. Returns its translation's id."""
    desk.publish()
    with desk.session() as session:
        coordinator = desk.person(session, desk.coordinator)
    article = make_article(
        coordinator,
        title="円安の先に",
        body="\n\n".join([*PARAGRAPHS[:2], "新しい段落はまだ誰も訳していない。"]),
    )
    with desk.session() as session:
        translation = session.scalars(
            select(Translation).where(Translation.article_id == article.id)
        ).one()
        fire(session, desk.person(session, desk.translator), translation, Action.CLAIM)
        return translation.id


def test_translator_fills_empty_segments_from_exact_matches_as_drafts(
    app: Flask, desk: Desk, second: int
):
    client = client_of(app, desk.translator)
    editor = client.get(f"/translations/{second}/edit").get_data(as_text=True)
    assert 'data-testid="prefill"' in editor
    response = post_form(client, f"/translations/{second}/prefill")
    assert response.status_code == 302 and response.location.endswith(
        f"/translations/{second}/edit"
    )
    assert "Filled 2 empty segments from exact memory matches" in page_text(
        client.get(response.location)
    )
    with desk.session() as session:
        rows = session.scalars(
            select(TranslationSegment).where(TranslationSegment.translation_id == second)
        ).all()
        texts = {row.text for row in rows}
        assert {ENGLISH[1], ENGLISH[2]} <= texts
        assert not any(row.is_done for row in rows)
        revisions = session.scalars(
            select(SegmentRevision).where(SegmentRevision.translation_id == second)
        ).all()
        assert len(revisions) == 2
        assert {r.origin for r in revisions} == {RevisionOrigin.PREFILLED}
        assert {r.suggestion_kind for r in revisions} == {"memory"}
        assert {r.suggestion_score for r in revisions} <= {100, 101}
    # Nothing left to fill: it says so.
    again = post_form(client, f"/translations/{second}/prefill", follow_redirects=True)
    assert "No empty segment has an exact (100%) match" in page_text(again)


def test_only_the_translator_or_a_coordinator_fills(app: Flask, desk: Desk, second: int):
    for person in (desk.other, desk.reviewer):
        refused = post_form(client_of(app, person), f"/translations/{second}/prefill")
        assert refused.status_code == 403
        editor = client_of(app, person).get(f"/translations/{second}/edit")
        assert 'data-testid="prefill"' not in editor.get_data(as_text=True)
    with desk.session() as session:
        assert not session.scalar(
            select(func.count())
            .select_from(SegmentRevision)
            .where(SegmentRevision.translation_id == second)
        )
    done = post_form(client_of(app, desk.coordinator), f"/translations/{second}/prefill")
    assert done.status_code == 302


# --- Where the editor and the history show the memory -----------------------------------------


def test_the_editor_panel_has_the_memory_search_and_its_script(app: Flask, desk: Desk):
    html = (
        client_of(app, desk.translator)
        .get(f"/translations/{desk.translation_id}/edit")
        .get_data(as_text=True)
    )
    assert "editor-memory.js" in html
    assert 'data-testid="panel-concordance"' in html
    # Without JavaScript the search is the desk page's, in this pair.
    assert 'action="/memory/"' in html and 'name="pair" value="ja:en"' in html


def test_the_history_says_a_text_came_from_the_memory_with_its_score(
    app: Flask, desk: Desk, budget: int
):
    with desk.session() as session:
        unit_id = session.scalars(select(MemoryUnit.id)).first()
    used = SuggestionUsed("memory", unit_id, 97)
    desk.write(desk.translator, 1, "The yen has been above 150 for long.", used)
    page = client_of(app, desk.translator).get(
        f"/translations/{desk.translation_id}/segments/{desk.segment_ids[1]}/history"
    )
    assert "from memory (97%)" in page_text(page)
