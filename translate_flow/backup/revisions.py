"""Which schema revisions this version of translate_flow knows (its migrations' history)."""

from alembic.script import ScriptDirectory

from translate_flow.core import migrate


def _scripts(url: str) -> ScriptDirectory:
    return ScriptDirectory.from_config(migrate.alembic_config(url))


def head(url: str) -> str:
    revision = _scripts(url).get_current_head()
    assert revision is not None, "the migrations have one head"
    return revision


def known(url: str) -> set[str]:
    return {script.revision for script in _scripts(url).walk_revisions()}
