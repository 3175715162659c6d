"""Demo people in every role, with pairs across several languages and scripts."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.core.passwords import Passwords
from translate_flow.domain.models import Role, User
from translate_flow.people.members import PairSpec, create_user

DEMO_PASSWORD = "translate-flow-demo"  # noqa: S105 -- printed by `make run` on purpose

DEMO_PEOPLE = [
    ("admin@example.org", "Ada Admin", [Role.ADMIN, Role.COORDINATOR], [], ""),
    (
        "coordinator@example.org",
        "Corinne Coordinator",
        [Role.COORDINATOR],
        [("ja", "en", False)],
        "",
    ),
    (
        "reviewer@example.org",
        "Rafael Reviewer",
        [Role.REVIEWER, Role.TRANSLATOR],
        [("es", "en", True), ("de", "en", True), ("ja", "en", True)],
        "Retired copy editor; reviews Spanish and German op-eds.",
    ),
    (
        "translator@example.org",
        "Dorothy Phoenix",
        [Role.TRANSLATOR],
        [("ja", "en", False), ("zh", "en", False)],
        "Translates Japanese and Chinese commentary on American politics.",
    ),
    (
        "arabic@example.org",
        "Layla Haddad",
        [Role.TRANSLATOR, Role.REVIEWER],
        [("ar", "en", True), ("fa", "en", False)],
        "Arabic and Persian press, with an eye on the Gulf.",
    ),
    (
        "russian@example.org",
        "Ivan Sokolov",
        [Role.TRANSLATOR],
        [("ru", "en", False), ("uk", "en", False)],
        "",
    ),
]


def load_demo(session: Session, passwords: Passwords, password: str) -> list[tuple[str, str]]:
    """Creates the demo people if nobody is there yet; returns (e-mail, roles) of those created."""
    if session.scalar(select(func.count()).select_from(User)):
        return []
    created = []
    for email, name, roles, pairs, bio in DEMO_PEOPLE:
        create_user(
            session,
            passwords,
            email=email,
            display_name=name,
            roles=roles,
            pairs=[PairSpec(source, target, review) for source, target, review in pairs],
            password=password,
            bio=bio,
        )
        created.append((email, ", ".join(role.value for role in roles)))
    return created
