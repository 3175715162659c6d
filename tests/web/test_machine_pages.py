"""The machine-translation admin page: admins only; it says plainly which engines receive the
desk's text; an added engine starts off and its key is never shown again; modes per pair and
the order are set there; bad input gives the form back with the reason."""

import pytest
from sqlalchemy import select

from tests.conftest import post_form
from tests.machine_desk import _fresh_engines, add_row  # noqa: F401
from tests.web.snapshot import database_snapshot
from translate_flow.domain.models import MachineEngine, MachineMode, MachinePairSetting, Role

PAGE = "/admin/machine/"
KEY = "sk-live-0123456789abcdefWXYZ"


@pytest.fixture
def admin(signed_in, make_user):  # type: ignore[no-untyped-def]
    # Someone translates es→en, so the desk has that pair.
    make_user(Role.TRANSLATOR, pairs=["es:en", "ca:en"])
    client, _user = signed_in(Role.ADMIN)
    return client


def _rows(db) -> list[MachineEngine]:  # type: ignore[no-untyped-def]
    with db.session(write=False) as session:
        return list(session.scalars(select(MachineEngine).order_by(MachineEngine.id)))


@pytest.mark.parametrize("role", [Role.TRANSLATOR, Role.REVIEWER, Role.COORDINATOR])
def test_only_admins_open_the_page(signed_in, role):
    client, _user = signed_in(role)
    assert client.get(PAGE).status_code == 403


def test_the_page_says_no_text_leaves_the_desk_when_no_engine_is_on(admin):
    page = admin.get(PAGE).get_data(as_text=True)
    assert "No engine receives the desk’s text now." in page
    assert "No engine is configured" in page


def test_an_added_engine_starts_off_and_its_key_is_never_shown_again(admin, db):
    response = post_form(
        admin,
        "/admin/machine/engines",
        {"kind": "test-echo", "label": "House echo", "key": KEY, "endpoint": ""},
    )
    assert response.status_code == 302
    [row] = _rows(db)
    assert (row.name, row.label, row.key, row.is_enabled) == ("test-echo", "House echo", KEY, False)
    page = admin.get(PAGE).get_data(as_text=True)
    assert KEY not in page
    assert "…WXYZ" in page
    assert "No engine receives the desk’s text now." in page
    assert "Disabled: no text goes to it." in page


def test_enabling_an_engine_says_it_receives_the_pairs_text(admin, db):
    with db.transaction() as session:
        engine_id = add_row(session, enabled=False).row_id
    assert (
        post_form(admin, "/admin/machine/engines/enable", {"engine_id": engine_id}).status_code
        == 302
    )
    page = admin.get(PAGE).get_data(as_text=True)
    assert "is sent to these engines" in page
    assert "Spanish (español) → English" in page
    assert _rows(db)[0].is_enabled
    post_form(admin, "/admin/machine/engines/disable", {"engine_id": engine_id})
    assert not _rows(db)[0].is_enabled


def test_the_mode_and_order_of_a_pair_are_set_on_the_page(admin, db):
    with db.transaction() as session:
        add_row(session)
    response = post_form(
        admin,
        "/admin/machine/pairs",
        {"engine": "echo", "pair": "es:en", "mode": "drafts", "priority": "5"},
    )
    assert response.status_code == 302
    with db.session(write=False) as session:
        [row] = session.scalars(select(MachinePairSetting)).all()
    assert (row.engine, row.source_language, row.mode, row.priority) == (
        "echo",
        "es",
        MachineMode.DRAFTS,
        5,
    )
    page = admin.get(PAGE).get_data(as_text=True)
    assert '<option value="drafts" selected>' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "", "key": KEY}, "Choose a kind."),
        ({"kind": "babelfish"}, "Not a valid choice"),
        ({"kind": "test-echo", "endpoint": "file:///etc/passwd"}, "http:// or https://"),
        ({"kind": "apertium"}, "Apertium needs the address of its server."),
        ({"kind": "test-echo", "label": "x" * 101}, "Field cannot be longer than 100"),
    ],
)
def test_a_bad_engine_gives_the_form_back_with_the_reason(admin, db, data, message):
    before = database_snapshot(db)
    response = post_form(admin, "/admin/machine/engines", data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert KEY not in page  # a refused key is not echoed back either
    assert database_snapshot(db) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"engine": "echo", "pair": "es:en", "mode": "always", "priority": "1"}, "Not a valid"),
        ({"engine": "echo", "pair": "es:en", "mode": "off", "priority": "1001"}, "between 0"),
        ({"engine": "echo", "pair": "xx:yy", "mode": "off", "priority": "1"}, "Not a valid"),
    ],
)
def test_a_bad_pair_setting_gives_the_page_back_with_the_reason(admin, db, data, message):
    with db.transaction() as session:
        add_row(session)
    before = database_snapshot(db)
    response = post_form(admin, "/admin/machine/pairs", data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert database_snapshot(db) == before


def test_a_setting_for_an_engine_that_is_gone_is_not_found(admin, db):
    response = post_form(
        admin,
        "/admin/machine/pairs",
        {"engine": "gone", "pair": "es:en", "mode": "off", "priority": "1"},
    )
    assert response.status_code == 404


def test_removing_an_engine_takes_it_off_the_page(admin, db):
    with db.transaction() as session:
        engine_id = add_row(session).row_id
    assert (
        post_form(admin, "/admin/machine/engines/remove", {"engine_id": engine_id}).status_code
        == 302
    )
    assert _rows(db) == []
    assert (
        post_form(admin, "/admin/machine/engines/remove", {"engine_id": engine_id}).status_code
        == 404
    )


def test_buttons_need_the_csrf_token(admin, db):
    with db.transaction() as session:
        engine_id = add_row(session, enabled=False).row_id
    response = admin.post("/admin/machine/engines/enable", data={"engine_id": engine_id})
    assert response.status_code == 400
    assert not _rows(db)[0].is_enabled


def test_the_admin_pages_link_each_other(admin):
    """The site's navigation names only the outbox (an admin's links keep to one line): the
    outbox and the machine-translation page link to each other from their heads."""
    outbox = admin.get("/admin/outbox").get_data(as_text=True)
    assert 'href="/admin/machine/"' in outbox
    machine = admin.get(PAGE).get_data(as_text=True)
    assert 'href="/admin/outbox' in machine
