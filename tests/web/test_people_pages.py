"""Coordinators manage people; everyone manages their own profile and tokens."""

from tests.conftest import post_form, sign_in
from tests.web.snapshot import database_snapshot
from translate_flow.domain.models import Role


def test_coordinator_searches_people(signed_in, make_user):
    make_user(Role.TRANSLATOR, name="Yuki Tanaka", pairs=["ja:en"])
    make_user(Role.TRANSLATOR, name="Omar Said", pairs=["ar:en"])
    coordinator, _ = signed_in(Role.COORDINATOR)
    page = coordinator.get("/people/?q=yuki").get_data(as_text=True)
    assert "Yuki Tanaka" in page and "Omar Said" not in page
    page = coordinator.get("/people/?language=ar").get_data(as_text=True)
    assert "Omar Said" in page and "Yuki Tanaka" not in page


def test_coordinator_edits_roles_pairs_and_capacity(signed_in, make_user, client):
    person = make_user(Role.TRANSLATOR, pairs=["ja:en"])
    coordinator, _ = signed_in(Role.COORDINATOR)
    response = post_form(
        coordinator,
        f"/people/{person.id}",
        {
            "display_name": "Renamed",
            "email": person.email,
            "roles": ["translator", "reviewer"],
            "capacity": "0",
            "pairs-0-source": "ja",
            "pairs-0-target": "en",
            "pairs-0-can_review": "y",
            "pairs-1-source": "zh",
            "pairs-1-target": "en",
        },
    )
    assert response.status_code == 302
    sign_in(client, person.email)
    me = client.get("/api/v1/me").get_json()
    assert me["name"] == "Renamed"
    assert me["roles"] == ["reviewer", "translator"]
    assert me["capacity"] == 0
    assert sorted((p["source"], p["can_review"]) for p in me["pairs"]) == [
        ("ja", True),
        ("zh", False),
    ]


def test_half_filled_pair_row_is_explained_and_nothing_saved(app, signed_in, make_user):
    person = make_user(Role.TRANSLATOR)
    coordinator, _ = signed_in(Role.COORDINATOR)
    before = database_snapshot(app.extensions["translate_flow.db"])
    response = post_form(
        coordinator,
        f"/people/{person.id}",
        {
            "display_name": "X",
            "email": person.email,
            "roles": ["translator"],
            "capacity": "3",
            "pairs-0-source": "ja",
        },
    )
    assert response.status_code == 400
    assert "Give both languages" in response.get_data(as_text=True)
    assert database_snapshot(app.extensions["translate_flow.db"]) == before


def test_coordinator_sees_but_cannot_edit_an_admin(signed_in, make_user):
    admin = make_user(Role.ADMIN)
    coordinator, _ = signed_in(Role.COORDINATOR)
    page = coordinator.get(f"/people/{admin.id}")
    assert page.status_code == 200
    assert "Only an admin can edit an admin" in page.get_data(as_text=True)
    response = post_form(
        coordinator,
        f"/people/{admin.id}",
        {"display_name": "Hijacked", "email": admin.email, "capacity": "1"},
    )
    assert response.status_code == 403


def test_deactivated_person_is_signed_out_and_stays_listed(app, signed_in, make_user):
    volunteer, person = signed_in(Role.TRANSLATOR, name="Leaving Soon")
    coordinator, _ = signed_in(Role.COORDINATOR)
    assert post_form(coordinator, f"/people/{person.id}/deactivate").status_code == 302
    assert volunteer.get("/desk/").status_code == 302
    assert sign_in(app.test_client(), person.email).status_code == 401
    listing = coordinator.get("/people/?show=all").get_data(as_text=True)
    assert "Leaving Soon" in listing and "deactivated" in listing
    assert post_form(coordinator, f"/people/{person.id}/reactivate").status_code == 302
    assert sign_in(app.test_client(), person.email).status_code == 302


def test_unknown_person_is_a_404_page(signed_in):
    coordinator, _ = signed_in(Role.COORDINATOR)
    response = coordinator.get("/people/999999")
    assert response.status_code == 404
    assert "no such person" in response.get_data(as_text=True)


def test_everyone_edits_their_own_profile_and_bio(signed_in):
    client, user = signed_in(Role.TRANSLATOR)
    response = post_form(
        client,
        "/account/",
        {"display_name": "Dorothy Phoenix", "email": user.email, "bio": "Tokyo-based."},
    )
    assert response.status_code == 302
    assert client.get("/api/v1/me").get_json()["bio"] == "Tokyo-based."


def test_password_change_signs_out_other_sessions(app, signed_in):
    client, user = signed_in(Role.TRANSLATOR)
    elsewhere = app.test_client()
    sign_in(elsewhere, user.email)
    response = post_form(
        client,
        "/account/password",
        {
            "current_password": "correct horse battery",
            "new_password": "a fresh passphrase",
            "confirm": "a fresh passphrase",
        },
    )
    assert response.status_code == 302
    assert client.get("/desk/").status_code == 200
    assert elsewhere.get("/desk/").status_code == 302


def test_wrong_current_password_is_refused(signed_in):
    client, _ = signed_in(Role.TRANSLATOR)
    response = post_form(
        client,
        "/account/password",
        {
            "current_password": "nope",
            "new_password": "a fresh passphrase",
            "confirm": "a fresh passphrase",
        },
    )
    assert response.status_code == 400
    assert "current password is not right" in response.get_data(as_text=True)


def test_token_is_shown_once_and_listed_by_prefix(signed_in):
    client, _ = signed_in(Role.TRANSLATOR)
    page = post_form(client, "/account/tokens", {"name": "feed script"}).get_data(as_text=True)
    secret = page.split('id="new-token-value"')[0].rsplit('value="', 1)[1].split('"')[0]
    assert secret.startswith("tf_")
    listing = client.get("/account/tokens").get_data(as_text=True)
    assert "feed script" in listing and secret not in listing and secret[:9] in listing


def test_translator_cannot_revoke_someone_elses_token(app, signed_in):
    owner, _ = signed_in(Role.TRANSLATOR)
    post_form(owner, "/account/tokens", {"name": "mine"})
    other, _ = signed_in(Role.TRANSLATOR)
    assert post_form(other, "/account/tokens/1/revoke").status_code == 403


def test_home_page_fits_each_role(signed_in):
    for roles, present, absent in [
        (
            (Role.TRANSLATOR,),
            ["translator-home"],
            ["coordinator-home", "reviewer-home", "admin-home"],
        ),
        ((Role.REVIEWER,), ["reviewer-home"], ["coordinator-home", "translator-home"]),
        ((Role.COORDINATOR,), ["coordinator-home"], ["admin-home", "translator-home"]),
        ((Role.ADMIN,), ["coordinator-home", "admin-home"], ["translator-home"]),
    ]:
        client, _ = signed_in(*roles)
        page = client.get("/desk/").get_data(as_text=True)
        for section in present:
            assert f'id="{section}"' in page, (roles, section)
        for section in absent:
            assert f'id="{section}"' not in page, (roles, section)


def test_coverage_counts_translators_and_reviewers_per_pair(signed_in, make_user):
    make_user(Role.TRANSLATOR, pairs=["ja:en"])
    make_user(Role.TRANSLATOR, pairs=["ja:en"])
    make_user(Role.REVIEWER, reviews=["ja:en"])
    make_user(Role.TRANSLATOR, pairs=["ar:en"], active=False)
    coordinator, _ = signed_in(Role.COORDINATOR)
    page = coordinator.get("/desk/").get_data(as_text=True)
    row = page.split("ja→en</th>")[1].split("</tr>")[0]
    assert "<td>2</td>" in row and "<td>1</td>" in row
    assert "ar→en" not in page
