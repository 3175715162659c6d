"""The notifications page, the unread count in the navigation, and the e-mail preference."""

import re

import pytest
from sqlalchemy import select

from tests.conftest import post_form
from tests.query_count import counting_queries
from tests.web.snapshot import database_snapshot
from translate_flow.domain.models import EmailPreference, Notification, Role, User
from translate_flow.notifications import notices as notifications


def _notify(app, user: User, message: str) -> int:  # type: ignore[no-untyped-def]
    with app.extensions["translate_flow.db"].transaction() as session:
        notice = notifications.notify(
            session,
            session.get(User, user.id),
            notifications.Kind.APPROVED,
            message,
            site_url="http://localhost",
        )
        return notice.id


def _read_at(app, notice_id: int):  # type: ignore[no-untyped-def]
    with app.extensions["translate_flow.db"].session(write=False) as session:
        return session.scalar(select(Notification.read_at).where(Notification.id == notice_id))


NAV_LINK = re.compile(r'<a href="/notifications/" aria-label="([^"]+)"[^>]*>([^<]+)</a>')


def _nav(page: str) -> tuple[str, str]:
    match = NAV_LINK.search(page)
    assert match, "no notifications link in the navigation"
    return match.group(1), match.group(2)


def test_the_list_shows_my_notifications_with_unread_ones_marked(app, signed_in, make_user):
    client, me = signed_in(Role.TRANSLATOR)
    other = make_user()
    _notify(app, me, "Older, already read")
    _notify(app, other, "Someone else’s news")
    post_form(client, "/notifications/read-all")
    _notify(app, me, "Fresh news for you")
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Fresh news for you" in page and "Older, already read" in page
    assert "Someone else’s news" not in page
    assert page.count('class="notification unread"') == 1
    assert page.count('class="notification read"') == 1
    assert "Mark all read" in page


def test_the_navigation_shows_the_unread_count_with_a_label(app, signed_in):
    client, me = signed_in(Role.REVIEWER)
    assert _nav(client.get("/desk/").get_data(as_text=True)) == (
        "Notifications: 0 unread",
        "Notifications",
    )
    for number in range(3):
        _notify(app, me, f"Notice {number}")
    assert _nav(client.get("/desk/").get_data(as_text=True)) == (
        "Notifications: 3 unread",
        "Notifications (3)",
    )


def test_signed_out_pages_never_count_notifications(app, client):
    with counting_queries(app) as statements:
        page = client.get("/login").get_data(as_text=True)
    assert "/notifications/" not in page
    assert not [s for s in statements if "notifications" in s]


def test_a_page_counts_unread_notices_with_the_sign_in_itself(app, signed_in):
    client, me = signed_in(Role.REVIEWER)
    for number in range(2):
        _notify(app, me, f"Notice {number}")
    with counting_queries(app) as statements:
        page = client.get("/desk/").get_data(as_text=True)
    assert _nav(page)[1] == "Notifications (2)"
    counting = [s for s in statements if "FROM notifications" in s]
    assert len(counting) == 1 and "login_sessions" in counting[0], counting


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/login" in response.location


def test_marking_one_read_lowers_the_count(app, signed_in):
    client, me = signed_in(Role.TRANSLATOR)
    first = _notify(app, me, "First")
    _notify(app, me, "Second")
    response = post_form(client, f"/notifications/{first}/read")
    assert response.status_code == 302
    assert _read_at(app, first) is not None
    page = client.get(response.location).get_data(as_text=True)
    assert _nav(page)[1] == "Notifications (1)"


def test_nobody_can_mark_someone_elses_notification_read(app, signed_in, make_user):
    client, _me = signed_in(Role.COORDINATOR)
    theirs = _notify(app, make_user(), "Not yours")
    before = database_snapshot(app.extensions["translate_flow.db"])
    response = post_form(client, f"/notifications/{theirs}/read")
    assert response.status_code == 404
    assert "Not yours" not in response.get_data(as_text=True)
    assert database_snapshot(app.extensions["translate_flow.db"]) == before


def test_mark_all_read_touches_only_my_notifications(app, signed_in, make_user):
    client, me = signed_in(Role.TRANSLATOR)
    other = make_user()
    mine = [_notify(app, me, f"Mine {n}") for n in range(2)]
    theirs = _notify(app, other, "Theirs")
    response = post_form(client, "/notifications/read-all", follow_redirects=True)
    assert "Marked 2 notification(s) read." in response.get_data(as_text=True)
    assert all(_read_at(app, notice) is not None for notice in mine)
    assert _read_at(app, theirs) is None


def test_marking_read_needs_the_csrf_token(app, signed_in):
    client, me = signed_in(Role.TRANSLATOR)
    notice = _notify(app, me, "Keep me unread")
    assert client.post(f"/notifications/{notice}/read").status_code == 400
    assert _read_at(app, notice) is None


# The e-mail preference on the profile page


def _preference(app, user: User) -> EmailPreference:  # type: ignore[no-untyped-def]
    with app.extensions["translate_flow.db"].session(write=False) as session:
        return session.get(User, user.id).email_notifications


def test_profile_offers_immediate_digest_or_off(signed_in):
    client, _me = signed_in(Role.TRANSLATOR)
    page = client.get("/account/").get_data(as_text=True)
    assert 'id="email_notifications" name="email_notifications"' in page
    assert '<option selected value="immediate">' in page
    assert '<option value="digest">In a daily digest</option>' in page
    assert '<option value="off">' in page


@pytest.mark.parametrize("choice", ["digest", "off", "immediate"])
def test_a_person_chooses_how_they_get_email(app, signed_in, choice):
    client, me = signed_in(Role.REVIEWER)
    response = post_form(client, "/account/notifications", {"email_notifications": choice})
    assert response.status_code == 302
    assert _preference(app, me) == EmailPreference(choice)
    page = client.get("/account/").get_data(as_text=True)
    assert f'<option selected value="{choice}">' in page


def test_an_unknown_preference_is_refused_and_changes_nothing(app, signed_in):
    client, me = signed_in(Role.TRANSLATOR)
    response = post_form(client, "/account/notifications", {"email_notifications": "hourly"})
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert _preference(app, me) == EmailPreference.IMMEDIATE
