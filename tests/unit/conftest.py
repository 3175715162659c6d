"""Fixtures of the workflow's service tests (tests/unit/workflow_cast.py has the rest)."""

import pytest

from tests.unit.workflow_cast import Cast
from translate_flow.domain.models import Role


@pytest.fixture
def cast(make_user, make_article) -> Cast:
    people = {
        "coordinator": make_user(Role.COORDINATOR),
        "admin": make_user(Role.ADMIN),
        "translator": make_user(Role.TRANSLATOR, pairs=["ja:en"]),
        "outsider": make_user(Role.TRANSLATOR, pairs=["de:en"]),
        "holder": make_user(Role.TRANSLATOR, pairs=["ja:en"]),
        "reviewer": make_user(Role.REVIEWER, reviews=["ja:en"]),
        "nonreviewer": make_user(Role.REVIEWER, pairs=["ja:en"]),
        "selfreviewer": make_user(
            Role.TRANSLATOR, Role.REVIEWER, pairs=["ja:en"], reviews=["ja:en"]
        ),
        # Every role and the pair, but deactivated: may do nothing.
        "inactive": make_user(*Role, pairs=["ja:en"], reviews=["ja:en"], active=False),
    }
    for _ in range(2):
        make_article(people["coordinator"])
    return Cast(
        ids={kind: user.id for kind, user in people.items()},
        names={kind: user.display_name for kind, user in people.items()},
    )
