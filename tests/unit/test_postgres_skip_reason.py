"""Without a usable PostgreSQL the suite says which of the three things was wrong."""

import pytest

from bench.gunicorn import free_port
from tests.databases import POSTGRES, POSTGRES_SKIP_REASON, postgres_problem


def test_no_server_is_named_as_such():
    problem = postgres_problem(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/test")
    assert problem is not None
    assert problem.startswith("no PostgreSQL server answers at")


@pytest.mark.skipif(not POSTGRES, reason=POSTGRES_SKIP_REASON)
def test_a_missing_database_is_named_with_the_command_that_makes_it():
    problem = postgres_problem("postgresql+psycopg://postgres@127.0.0.1:5432/tf_no_such_database")
    assert problem is not None
    assert "database “tf_no_such_database” is missing" in problem
    assert "createdb -U postgres tf_no_such_database" in problem


@pytest.mark.skipif(not POSTGRES, reason=POSTGRES_SKIP_REASON)
def test_a_refused_sign_in_is_named_with_what_the_tests_expect():
    problem = postgres_problem("postgresql+psycopg://tf_no_such_role@127.0.0.1:5432/test")
    assert problem is not None
    assert "refused the sign-in as “tf_no_such_role”" in problem
    assert "passwordless role" in problem
