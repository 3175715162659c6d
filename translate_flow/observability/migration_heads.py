"""The newest revision(s) of migrations/versions, read from the files without importing Alembic.

Alembic's ScriptDirectory would import every revision module and Alembic itself, 30 MB in each
web worker (see `_migrate` in translate_flow/cli.py). What /readyz needs is two constants per
file, `revision` and `down_revision`: the files are parsed (not run) once per process. A test
holds this answer to Alembic's own (tests/web/test_readiness.py).
"""

import ast
from functools import cache
from pathlib import Path

from translate_flow import PROJECT_ROOT

VERSIONS = PROJECT_ROOT / "migrations" / "versions"


class MigrationsUnreadable(RuntimeError):
    """The migration files are missing or not the shape Alembic writes."""


def _constant(tree: ast.Module, name: str, path: Path) -> object:
    """The literal assigned to `name` at the top of a module (`x = …` or `x: T = …`)."""
    for node in tree.body:
        if isinstance(node, ast.AnnAssign):
            targets: list[ast.expr] = [node.target]
            value = node.value
        elif isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        else:
            continue
        if value is not None and any(isinstance(t, ast.Name) and t.id == name for t in targets):
            try:
                return ast.literal_eval(value)
            except ValueError:
                break
    raise MigrationsUnreadable(f"{path.name}: no literal `{name} = …` at the top of the file")


def _revisions(value: object, path: Path) -> set[str]:
    """`down_revision` as a set: None (the first), one revision, or several (a merge)."""
    if value is None:
        return set()
    if isinstance(value, str):
        return {value}
    if isinstance(value, tuple | list) and all(isinstance(item, str) for item in value):
        return set(value)
    raise MigrationsUnreadable(f"{path.name}: down_revision is {value!r}")


@cache
def migration_heads(versions: Path = VERSIONS) -> frozenset[str]:
    """The revisions no other revision builds on: what `db upgrade` brings a database to."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted(versions.glob("*.py")):
        tree = ast.parse(path.read_bytes(), filename=str(path))
        revision = _constant(tree, "revision", path)
        if not isinstance(revision, str):
            raise MigrationsUnreadable(f"{path.name}: revision is {revision!r}")
        revisions.add(revision)
        parents |= _revisions(_constant(tree, "down_revision", path), path)
    if not revisions:
        raise MigrationsUnreadable(f"no migrations in {versions}")
    return frozenset(revisions - parents)
