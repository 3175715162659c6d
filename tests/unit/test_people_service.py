"""People: the domain rules, tested on the service functions directly."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from translate_flow.core.errors import Conflict, PermissionDenied, ValidationFailed
from translate_flow.core.signing import LinkSigner
from translate_flow.domain.models import Event, LanguagePair, Role, User, email_key
from translate_flow.people import members as people
from translate_flow.people.signin import authenticate, create_api_token, user_for_api_token


@pytest.fixture
def passwords(app):
    return app.extensions["translate_flow.passwords"]


def test_email_is_unique_whatever_its_case(session, passwords, make_user):
    make_user(email="Ann@Example.org")
    with pytest.raises(Conflict):
        people.create_user(
            session, passwords, email="ann@example.ORG", display_name="Ann", roles=[Role.TRANSLATOR]
        )


def test_database_refuses_duplicate_email_keys_too(session):
    session.add_all(
        [
            User(email="a@x.org", email_key=email_key("A@x.org"), display_name="A"),
            User(email="A@X.org", email_key=email_key("a@X.ORG"), display_name="B"),
        ]
    )
    with pytest.raises(IntegrityError):
        session.flush()


def test_database_refuses_a_pair_of_one_language(session, make_user):
    user = make_user()
    session.add(LanguagePair(user_id=user.id, source_language="en", target_language="en"))
    with pytest.raises(IntegrityError):
        session.flush()


def test_person_holds_several_roles_and_pairs(session, passwords):
    user = people.create_user(
        session,
        passwords,
        email="multi@example.org",
        display_name="Multi",
        roles=[Role.TRANSLATOR, Role.REVIEWER],
        pairs=[
            people.PairSpec("ja", "en"),
            people.PairSpec("JA", "EN", can_review=True),
            people.PairSpec("ar", "en"),
        ],
        password="a good long password",
    )
    assert user.roles == {Role.TRANSLATOR, Role.REVIEWER}
    pairs = sorted((p.label, p.can_review) for p in user.language_pairs)
    assert pairs == [("ar→en", False), ("ja→en", True)]


def test_sign_in_is_case_insensitive_and_checks_the_password(session, passwords, make_user):
    make_user(email="Case@Example.org")
    assert authenticate(session, passwords, "case@example.org", "correct horse battery") is not None
    assert authenticate(session, passwords, "case@example.org", "wrong") is None
    assert authenticate(session, passwords, "nobody@example.org", "correct horse battery") is None


def test_coordinator_cannot_edit_an_admin_or_grant_admin(session, make_user):
    ids = [make_user(role).id for role in (Role.COORDINATOR, Role.ADMIN, Role.TRANSLATOR)]
    coordinator, admin, volunteer = (session.get(User, user_id) for user_id in ids)
    kwargs = {"display_name": "X", "pairs": [], "capacity": 1}
    with pytest.raises(PermissionDenied):
        people.update_person(
            session, coordinator, admin, email=admin.email, roles=[Role.ADMIN], **kwargs
        )
    with pytest.raises(PermissionDenied):
        people.update_person(
            session, coordinator, volunteer, email=volunteer.email, roles=[Role.ADMIN], **kwargs
        )
    people.update_person(
        session,
        coordinator,
        volunteer,
        email=volunteer.email,
        roles=[Role.TRANSLATOR, Role.REVIEWER],
        **kwargs,
    )
    assert volunteer.roles == {Role.TRANSLATOR, Role.REVIEWER}
    actions = session.scalars(select(Event.action).where(Event.subject_id == volunteer.id)).all()
    assert "user:updated" in actions


def test_admin_cannot_drop_their_own_admin_role(session, make_user):
    admin = session.get(User, make_user(Role.ADMIN).id)
    with pytest.raises(ValidationFailed, match="own admin role"):
        people.update_person(
            session,
            admin,
            admin,
            display_name="A",
            email=admin.email,
            roles=[Role.COORDINATOR],
            pairs=[],
            capacity=1,
        )


def test_nobody_deactivates_themselves(session, make_user):
    coordinator = session.get(User, make_user(Role.COORDINATOR).id)
    with pytest.raises(PermissionDenied):
        people.set_active(session, coordinator, coordinator, active=False)


def test_deactivation_revokes_tokens_and_keeps_the_person(session, make_user):
    ids = [make_user(role).id for role in (Role.COORDINATOR, Role.TRANSLATOR)]
    coordinator, volunteer = (session.get(User, user_id) for user_id in ids)
    secret, _token = create_api_token(session, volunteer, "script")
    people.set_active(session, coordinator, volunteer, active=False)
    assert user_for_api_token(session, secret) is None
    assert (
        session.scalar(select(func.count()).select_from(User).where(User.id == volunteer.id)) == 1
    )
    people.set_active(session, coordinator, volunteer, active=True)
    assert user_for_api_token(session, secret) is None, "reactivation does not revive old tokens"


def test_reset_link_works_once(session, passwords, make_user):
    user = session.get(User, make_user().id)
    signer = LinkSigner("k" * 40, "reset", 3600)
    token = signer.sign(user.id, user.email_key, user.password_hash)
    people.reset_password(session, passwords, signer, token, password="another fine password")
    with pytest.raises(ValidationFailed, match="used already"):
        people.reset_password(session, passwords, signer, token, password="yet another password")


def test_invite_link_cannot_reset_a_password(session, passwords, make_user):
    user = session.get(User, make_user(password=None).id)
    invite = LinkSigner("k" * 40, "invite", 3600).sign(user.id, user.email_key, None)
    with pytest.raises(ValidationFailed, match="not valid"):
        people.reset_password(
            session, passwords, LinkSigner("k" * 40, "reset", 3600), invite, password="x" * 12
        )


def test_search_finds_by_name_role_and_language(session, make_user):
    make_user(Role.TRANSLATOR, name="Yuki Tanaka", pairs=["ja:en"])
    make_user(Role.REVIEWER, name="Omar Said", reviews=["ar:en"])
    make_user(Role.TRANSLATOR, name="Gone Person", active=False)
    assert [u.display_name for u in people.search_people(session, text="yuki").items] == [
        "Yuki Tanaka"
    ]
    assert [u.display_name for u in people.search_people(session, role=Role.REVIEWER).items] == [
        "Omar Said"
    ]
    assert [u.display_name for u in people.search_people(session, language="ar").items] == [
        "Omar Said"
    ]
    assert "Gone Person" not in [u.display_name for u in people.search_people(session).items]
    assert "Gone Person" in [
        u.display_name for u in people.search_people(session, include_inactive=True).items
    ]
