"""The termbase's desk pages through the test client: the list (searched, filtered, sorted by
the pair's collation, paged), new terms approved or proposed by who adds them, proposals
approved and rejected, edits with their history, duplicates named with a link, where a term is
used, and the refusals that leave the termbase as it was."""

import io
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.conftest import post_form, sign_in
from tests.desk import Desk
from translate_flow.domain.models import (
    Role,
    Term,
    TermCategory,
    TermChange,
    TermStatus,
    User,
)
from translate_flow.terms import operations
from translate_flow.terms.operations import ForbiddenForm, TermInput
from translate_flow.terms.web.queries import PAGE_SIZE


def page_text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def words(response) -> str:  # type: ignore[no-untyped-def]
    """The page as read: tags dropped, spacing collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.get_data(as_text=True)))


def client_of(app: Flask, user: User) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, user.email).status_code == 302
    return client


def add(desk: Desk, user: User, source: str, targets: list[str], **fields: object) -> int:
    pair = fields.pop("pair", ("ja", "en"))
    with desk.session() as session:
        term = operations.create_term(
            session,
            desk.person(session, user),
            TermInput(pair[0], pair[1], source, targets=targets, **fields),  # type: ignore[index, arg-type]
        )
        return term.id


def terms_state(desk: Desk) -> tuple[int, int, list[tuple[str, str]]]:
    with desk.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Term)) or 0,
            session.scalar(select(func.count()).select_from(TermChange)) or 0,
            [(t.source, t.status.value) for t in session.scalars(select(Term).order_by(Term.id))],
        )


def listed(response) -> list[str]:  # type: ignore[no-untyped-def]
    return re.findall(r'data-testid="term-source">([^<]+)<', response.get_data(as_text=True))


def term_form(source: str, targets: str, **fields: object) -> dict[str, object]:
    data: dict[str, object] = {
        "pair": "ja:en",
        "source": source,
        "targets": targets,
        "category": "term",
        "whole_word": "y",
    }
    data.update(fields)
    return data


# --- The list --------------------------------------------------------------------------------


def test_the_list_is_sorted_by_the_collation_not_by_code_points(app: Flask, desk: Desk):
    for source in ["Zaragoza", "écija", "Ávila", "abogado"]:
        add(desk, desk.coordinator, source, [f"{source} (en)"], pair=("es", "en"))
    response = client_of(app, desk.translator).get("/terms/", query_string={"pair": "es:en"})
    assert response.status_code == 200
    # Code points would give Zaragoza, abogado, Ávila, écija.
    assert listed(response) == ["abogado", "Ávila", "écija", "Zaragoza"]


def test_the_translators_own_pair_is_chosen_first(app: Flask, desk: Desk):
    add(desk, desk.coordinator, "Zaragoza", ["Saragossa"], pair=("es", "en"))
    add(desk, desk.coordinator, "思いやり予算", ["host-nation support budget"])
    html = client_of(app, desk.translator).get("/terms/").get_data(as_text=True)
    assert re.search(r'<option (selected )?value="ja:en"( selected)?>', html)
    assert "思いやり予算" in html and "Zaragoza" not in html


def test_search_looks_in_targets_variants_and_notes_folding_width_and_case(app: Flask, desk: Desk):
    add(desk, desk.coordinator, "思いやり予算", ["host-nation support budget"])
    add(desk, desk.coordinator, "北大西洋条約機構", ["NATO"], variants=["ＮＡＴＯ"])
    add(desk, desk.coordinator, "岸田文雄", ["Fumio Kishida"], note="Prime minister 2021–2024")
    client = client_of(app, desk.translator)

    def search(q: str) -> list[str]:
        return listed(client.get("/terms/", query_string={"pair": "ja:en", "q": q}))

    assert search("HOST-NATION") == ["思いやり予算"]
    assert search("ｎａｔｏ") == ["北大西洋条約機構"]
    assert search("prime minister") == ["岸田文雄"]
    nothing = client.get("/terms/", query_string={"pair": "ja:en", "q": "台風"})
    assert listed(nothing) == [] and "nothing holds “台風”" in page_text(nothing)


def test_filters_by_category_flag_and_status(app: Flask, desk: Desk):
    add(desk, desk.coordinator, "岸田文雄", ["Fumio Kishida"], category=TermCategory.PERSON)
    add(
        desk,
        desk.coordinator,
        "思いやり予算",
        ["host-nation support budget"],
        forbidden=[ForbiddenForm("sympathy budget", "a press nickname")],
    )
    add(desk, desk.coordinator, "トヨタ", [], do_not_translate=True)
    add(desk, desk.translator, "円安", ["weak yen"])  # proposed
    client = client_of(app, desk.translator)

    def shown(**args: str) -> list[str]:
        return sorted(listed(client.get("/terms/", query_string={"pair": "ja:en", **args})))

    assert shown(category="person") == ["岸田文雄"]
    assert shown(flag="has_forbidden") == ["思いやり予算"]
    assert shown(flag="do_not_translate") == ["トヨタ"]
    assert shown(status="proposed") == ["円安"]
    assert shown() == sorted(["岸田文雄", "思いやり予算", "トヨタ", "円安"])
    # Unknown filter values are a 400 with the form, not an error.
    assert client.get("/terms/", query_string={"category": "x"}).status_code == 400


def test_the_list_is_paged(app: Flask, desk: Desk):
    for n in range(PAGE_SIZE + 3):
        add(desk, desk.coordinator, f"term{n:03d}", [f"t{n}"], pair=("es", "en"))
    client = client_of(app, desk.coordinator)
    first = client.get("/terms/", query_string={"pair": "es:en"})
    assert len(listed(first)) == PAGE_SIZE and 'rel="next"' in first.get_data(as_text=True)
    second = client.get("/terms/", query_string={"pair": "es:en", "page": 2})
    assert listed(second) == [f"term{n:03d}" for n in range(PAGE_SIZE, PAGE_SIZE + 3)]
    assert client.get("/terms/", query_string={"page": "９" * 30}).status_code == 200


def test_terms_are_in_the_navigation_for_the_desk(app: Flask, desk: Desk):
    html = client_of(app, desk.translator).get("/desk/").get_data(as_text=True)
    assert 'href="/terms/"' in html


# --- Adding ----------------------------------------------------------------------------------


def test_coordinator_adds_a_term_approved_at_once(app: Flask, desk: Desk):
    client = client_of(app, desk.coordinator)
    form = client.get("/terms/new?pair=ja:en&source=思いやり予算")
    assert form.status_code == 200
    assert 'value="思いやり予算"' in form.get_data(as_text=True)
    assert "approved at once" in page_text(form)
    done = post_form(
        client,
        "/terms/new",
        term_form(
            "思いやり予算",
            "host-nation support budget\nhost nation support",
            variants="思いやり予算案",
            forbidden="sympathy budget — a press nickname\nomoiyari | keep it English",
            note="The Japanese share of US forces' costs.",
        ),
    )
    assert done.status_code == 302
    with desk.session() as session:
        term = session.scalars(select(Term)).one()
        assert term.status is TermStatus.APPROVED
        assert term.targets == ["host-nation support budget", "host nation support"]
        assert term.variants == ["思いやり予算案"]
        assert term.forbidden == [
            {"form": "sympathy budget", "reason": "a press nickname"},
            {"form": "omoiyari", "reason": "keep it English"},
        ]
    shown = page_text(client.get(done.location))
    assert "Added “思いやり予算” to the termbase." in shown
    assert "sympathy budget" in shown and "a press nickname" in shown


def test_translator_proposes_and_is_told_it_waits(app: Flask, desk: Desk):
    client = client_of(app, desk.translator)
    form = client.get("/terms/new?pair=ja:en")
    assert "As a translator of the pair you propose the term" in page_text(form)
    done = post_form(client, "/terms/new", term_form("円安", "weak yen"))
    assert done.status_code == 302
    assert terms_state(desk)[2] == [("円安", "proposed")]
    assert "Proposed “円安”: a reviewer of the pair will approve it" in page_text(
        client.get(done.location)
    )


def test_a_term_without_target_is_refused_with_a_sentence(app: Flask, desk: Desk):
    client = client_of(app, desk.coordinator)
    refused = post_form(client, "/terms/new", term_form("円安", ""))
    assert refused.status_code == 400
    assert "targets needs at least one form" in page_text(refused)
    assert terms_state(desk)[0] == 0


def test_a_duplicate_is_named_with_a_link_to_the_existing_term(app: Flask, desk: Desk):
    existing = add(desk, desk.coordinator, "思いやり予算", ["host-nation support budget"])
    client = client_of(app, desk.translator)
    refused = post_form(client, "/terms/new", term_form("思いやり予算", "sympathy budget"))
    assert refused.status_code == 409
    text = page_text(refused)
    assert "already has “思いやり予算”" in text
    assert f'href="/terms/{existing}"' in text
    assert terms_state(desk)[0] == 1


def test_someone_without_the_pair_may_not_add_its_terms(app: Flask, desk: Desk, make_user):
    stranger = make_user(Role.TRANSLATOR, pairs=["es:en"])
    client = client_of(app, stranger)
    before = terms_state(desk)
    refused = post_form(client, "/terms/new", term_form("円安", "weak yen"))
    assert refused.status_code == 403
    assert terms_state(desk) == before


# --- Deciding and editing --------------------------------------------------------------------


def test_reviewer_approves_a_proposal_from_the_proposals_page(app: Flask, desk: Desk):
    term_id = add(desk, desk.translator, "円安", ["weak yen"])
    client = client_of(app, desk.reviewer)
    waiting = client.get("/terms/proposals")
    assert 'data-testid="proposal"' in waiting.get_data(as_text=True)
    assert "proposed by Dorothy Phoenix" in page_text(waiting)
    listed_page = client.get("/terms/", query_string={"pair": "ja:en"}).get_data(as_text=True)
    assert 'data-testid="proposals-waiting">1<' in listed_page
    done = post_form(
        client,
        f"/terms/{term_id}/decision?back=proposals",
        {"approve": "Approve", "comment": "As the style sheet says."},
    )
    assert done.status_code == 302 and done.location.endswith("/terms/proposals")
    assert terms_state(desk)[2] == [("円安", "approved")]
    history = words(client.get(f"/terms/{term_id}"))
    assert "Approved by Rafael Reviewer" in history
    assert "“As the style sheet says.”" in history


def test_reviewer_rejects_with_a_comment_kept_in_the_history(app: Flask, desk: Desk):
    term_id = add(desk, desk.translator, "円安", ["cheap yen"])
    client = client_of(app, desk.reviewer)
    post_form(
        client, f"/terms/{term_id}/decision", {"reject": "Reject", "comment": "Say weak yen."}
    )
    assert terms_state(desk)[2] == [("円安", "rejected")]
    shown = words(client.get(f"/terms/{term_id}"))
    assert "Rejected by Rafael Reviewer" in shown and "“Say weak yen.”" in shown
    # Rejected terms are out of the default list, and in the "rejected" one.
    default = client.get("/terms/", query_string={"pair": "ja:en"})
    assert listed(default) == []
    rejected = client.get("/terms/", query_string={"pair": "ja:en", "status": "rejected"})
    assert listed(rejected) == ["円安"]


def test_translator_may_not_decide_nor_edit_an_approved_term(app: Flask, desk: Desk):
    approved = add(desk, desk.coordinator, "思いやり予算", ["host-nation support budget"])
    proposal = add(desk, desk.other, "円安", ["weak yen"])
    client = client_of(app, desk.translator)
    before = terms_state(desk)
    assert (
        post_form(client, f"/terms/{proposal}/decision", {"approve": "Approve"}).status_code == 403
    )
    assert client.get(f"/terms/{approved}/edit").status_code == 403
    refused = post_form(client, f"/terms/{approved}/edit", term_form("思いやり予算", "sympathy"))
    assert refused.status_code == 403
    assert post_form(client, f"/terms/{approved}/delete").status_code == 403
    assert terms_state(desk) == before
    page = client.get(f"/terms/{approved}").get_data(as_text=True)
    assert 'data-testid="edit-term"' not in page and 'data-testid="decision-form"' not in page


def test_an_edit_shows_in_the_history_as_before_and_after(app: Flask, desk: Desk):
    term_id = add(desk, desk.coordinator, "思いやり予算", ["sympathy budget"])
    client = client_of(app, desk.reviewer)
    form = client.get(f"/terms/{term_id}/edit")
    assert form.status_code == 200 and "sympathy budget" in form.get_data(as_text=True)
    done = post_form(
        client,
        f"/terms/{term_id}/edit",
        term_form(
            "思いやり予算",
            "host-nation support budget",
            forbidden="sympathy budget — a press nickname",
        ),
    )
    assert done.status_code == 302
    html = client.get(f"/terms/{term_id}").get_data(as_text=True)
    text = re.sub(r"\s+", " ", html)
    read = words(client.get(f"/terms/{term_id}"))
    assert "Edited by Rafael Reviewer" in read
    assert "Created by Cora Coordinator" in read
    assert re.search(
        r"<th scope=\"row\">Targets</th><td><del>sympathy budget</del></td>"
        r"<td><ins>host-nation support budget</ins></td>",
        text,
    )
    assert "<del>—</del></td><td><ins>sympathy budget — a press nickname</ins>" in text


def test_translator_edits_their_own_proposal_while_it_waits(app: Flask, desk: Desk):
    term_id = add(desk, desk.translator, "円安", ["cheap yen"])
    client = client_of(app, desk.translator)
    done = post_form(client, f"/terms/{term_id}/edit", term_form("円安", "weak yen"))
    assert done.status_code == 302
    with desk.session() as session:
        term = session.get(Term, term_id)
        assert term is not None and term.targets == ["weak yen"]
        assert term.status is TermStatus.PROPOSED


def test_coordinator_deletes_a_term_and_its_history_stays(app: Flask, desk: Desk):
    term_id = add(desk, desk.coordinator, "円安", ["weak yen"])
    client = client_of(app, desk.coordinator)
    done = post_form(client, f"/terms/{term_id}/delete")
    assert done.status_code == 302
    count, changes, _ = terms_state(desk)
    assert (count, changes) == (0, 2)
    assert client.get(f"/terms/{term_id}").status_code == 404


# --- Where a term is used --------------------------------------------------------------------


def test_the_term_page_lists_the_articles_whose_source_holds_it(
    app: Flask, desk: Desk, make_article
):
    term_id = add(desk, desk.coordinator, "停滞", ["stagnation"])
    make_article(desk.coordinator, title="失われた三十年", body="日本経済の停滞は長い。")
    make_article(desk.coordinator, title="台風の季節", body="台風が近づいている。")
    text = page_text(client_of(app, desk.translator).get(f"/terms/{term_id}"))
    # The desk's article (問われるべきは三十年の停滞だ。) and the new one; not the typhoon.
    assert "失われた三十年" in text and "円安を嘆く前に" in text
    assert "台風の季節" not in text
    assert text.index("失われた三十年") < text.index("円安を嘆く前に")  # newest first


@pytest.mark.parametrize("path", ["/terms/", "/terms/proposals", "/terms/new"])
def test_pages_answer_the_signed_out_with_the_sign_in_page(app: Flask, path: str):
    response = app.test_client().get(path)
    assert response.status_code == 302 and "/login" in response.location


# --- Importing -------------------------------------------------------------------------------

DATA = Path(__file__).parents[1] / "data" / "terms"


def test_coordinator_imports_the_desks_tbx_through_the_page(app: Flask, desk: Desk):
    client = client_of(app, desk.coordinator)
    assert client.get("/terms/import").status_code == 200
    done = post_form(
        client,
        "/terms/import",
        {"file": (io.BytesIO((DATA / "desk_style_ja_en.tbx").read_bytes()), "desk.tbx")},
        content_type="multipart/form-data",
    )
    assert done.status_code == 302
    assert "Imported the TBX file: 11 added" in page_text(client.get(done.location))
    assert terms_state(desk)[0] == 11


def test_a_file_with_a_wrong_row_is_refused_whole_with_the_row_named(app: Flask, desk: Desk):
    client = client_of(app, desk.coordinator)
    csv = "source;target\n思いやり予算;host-nation support\n;orphan target\n".encode()
    refused = post_form(
        client,
        "/terms/import",
        {"file": (io.BytesIO(csv), "terms.csv"), "pair": "ja:en"},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 400
    assert 'data-testid="import-problems"' in refused.get_data(as_text=True)
    assert "Row 3" in page_text(refused)
    assert terms_state(desk)[0] == 0


def test_a_translator_may_not_import(app: Flask, desk: Desk):
    client = client_of(app, desk.translator)
    assert client.get("/terms/import").status_code == 403
    refused = post_form(
        client,
        "/terms/import",
        {"file": (io.BytesIO(b"source;target\nx;y\n"), "terms.csv"), "pair": "ja:en"},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 403
    assert terms_state(desk)[0] == 0
