"""Invitations and password resets travel as real e-mail through a local SMTP server."""

import re

import pytest

from tests.conftest import post_form, sign_in
from tests.smtp import smtp_server
from tests.web.snapshot import database_snapshot
from translate_flow.domain.models import Role
from translate_flow.people import members as people

LINK = re.compile(r"http://localhost(/(?:invite|reset)/\S+)")


@pytest.fixture
def inbox(app):
    with smtp_server() as (url, inbox):
        app.config["SMTP_URL"] = url
        yield inbox


def _invite(client, **fields):
    data = {
        "email": "newbie@example.org",
        "display_name": "",
        "roles": ["translator"],
        "capacity": "2",
        "pairs-0-source": "ar",
        "pairs-0-target": "en",
        "pairs-0-can_review": "",
    }
    data.update(fields)
    return post_form(client, "/people/invite", {k: v for k, v in data.items() if v != ""})


def test_coordinator_invites_and_volunteer_joins(app, signed_in, inbox):
    coordinator, _ = signed_in(Role.COORDINATOR, name="Corinne")
    response = _invite(coordinator)
    assert response.status_code == 302
    [message] = inbox.to("newbie@example.org")
    assert "Corinne invites you" in message["Subject"]
    path = LINK.search(inbox.body(message)).group(1)

    volunteer = app.test_client()
    page = volunteer.get(path)
    assert page.status_code == 200
    assert "newbie@example.org" in page.get_data(as_text=True)
    response = post_form(
        volunteer,
        path,
        {
            "display_name": "Nadia Karim",
            "password": "a long new password",
            "confirm": "a long new password",
        },
    )
    assert response.status_code == 302
    assert "Hello, Nadia Karim" in volunteer.get("/desk/").get_data(as_text=True)
    me = volunteer.get("/api/v1/me").get_json()
    assert me["roles"] == ["translator"]
    assert me["pairs"] == [
        {"source": "ar", "target": "en", "can_review": False, "can_publish": False}
    ]

    # The link is spent once used.
    assert app.test_client().get(path).status_code == 400


def test_invitation_link_expires(app, signed_in, inbox):
    coordinator, _ = signed_in(Role.COORDINATOR)
    _invite(coordinator)
    path = LINK.search(inbox.body(inbox.messages[-1])).group(1)
    app.config["INVITE_MAX_AGE_DAYS"] = -1
    response = app.test_client().get(path)
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)


def test_tampered_invitation_link_is_refused(app, signed_in, inbox):
    coordinator, _ = signed_in(Role.COORDINATOR)
    _invite(coordinator)
    path = LINK.search(inbox.body(inbox.messages[-1])).group(1)
    assert app.test_client().get(path[:-3] + "abc").status_code == 400


def test_inviting_an_existing_address_is_refused_and_saves_nothing(
    app, signed_in, make_user, inbox
):
    make_user(email="Taken@Example.org")
    coordinator, _ = signed_in(Role.COORDINATOR)
    before = database_snapshot(app.extensions["translate_flow.db"])
    response = _invite(coordinator, email="taken@example.ORG")
    assert response.status_code == 400
    assert "already on the desk" in response.get_data(as_text=True)
    assert database_snapshot(app.extensions["translate_flow.db"]) == before
    assert inbox.messages == []


def test_invalid_language_pair_is_shown_beside_the_field(app, signed_in, inbox):
    coordinator, _ = signed_in(Role.COORDINATOR)
    response = _invite(coordinator, **{"pairs-0-source": "klingon"})
    assert response.status_code == 400
    assert "not a language code we know" in response.get_data(as_text=True)
    assert inbox.messages == []


def test_coordinator_cannot_invite_an_admin(app, signed_in, inbox):
    coordinator, _ = signed_in(Role.COORDINATOR)
    response = _invite(coordinator, roles=["admin"])
    assert response.status_code == 400
    assert "Only an admin" in response.get_data(as_text=True)


def test_password_reset_by_email_link(app, make_user, inbox):
    user = make_user(email="forgetful@example.org")
    client = app.test_client()
    response = post_form(client, "/forgot", {"email": "FORGETFUL@example.org"})
    assert response.status_code == 302
    [message] = inbox.to("forgetful@example.org")
    path = LINK.search(inbox.body(message)).group(1)

    other_device = app.test_client()
    assert sign_in(other_device, user.email).status_code == 302
    response = post_form(
        client, path, {"password": "brand new secret words", "confirm": "brand new secret words"}
    )
    assert response.status_code == 302
    assert sign_in(app.test_client(), user.email).status_code == 401
    assert sign_in(app.test_client(), user.email, "brand new secret words").status_code == 302
    # Resetting signs out every other session, and the link works only once.
    assert other_device.get("/desk/").status_code == 302
    assert app.test_client().get(path).status_code == 400


def test_reset_for_unknown_address_says_the_same_and_sends_nothing(app, inbox):
    response = post_form(
        app.test_client(), "/forgot", {"email": "nobody@example.org"}, follow_redirects=True
    )
    assert "If that address belongs to someone" in response.get_data(as_text=True)
    assert inbox.messages == []


def test_mail_that_cannot_be_sent_stays_in_the_outbox(app, make_user, signed_in):
    app.config["SMTP_URL"] = "smtp://127.0.0.1:9"  # nothing listens on the discard port
    make_user(email="someone@example.org")
    post_form(app.test_client(), "/forgot", {"email": "someone@example.org"})
    admin, _ = signed_in(Role.ADMIN)
    page = admin.get("/admin/outbox").get_data(as_text=True)
    assert "someone@example.org" in page
    assert "pending" in page
    # Once the server is there, the admin's button delivers it.
    with smtp_server() as (url, inbox):
        app.config["SMTP_URL"] = url
        post_form(admin, "/admin/outbox/send")
        assert len(inbox.to("someone@example.org")) == 1


def test_console_mail_is_kept_for_admins(app, make_user, signed_in, capsys):
    make_user(email="dev@example.org")
    post_form(app.test_client(), "/forgot", {"email": "dev@example.org"})
    assert "/reset/" in capsys.readouterr().err
    admin, _ = signed_in(Role.ADMIN)
    page = admin.get("/admin/outbox").get_data(as_text=True)
    assert "Reset your" in page and "sent" in page


def test_same_notice_is_queued_once(session):
    from translate_flow.notifications.outbox import queue_email

    first = queue_email(session, dedupe_key="k", to_address="a@example.org", subject="s", body="b")
    again = queue_email(session, dedupe_key="k", to_address="a@example.org", subject="s", body="b")
    assert first is again


def test_pair_spec_parsing():
    assert people.PairSpec.parse("ja:en") == people.PairSpec("ja", "en")
    assert people.PairSpec.parse("ja→en", can_review=True) == people.PairSpec("ja", "en", True)
    with pytest.raises(people.ValidationFailed):
        people.PairSpec.parse("japanese")
