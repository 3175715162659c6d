"""The one error backups and restores raise: its message says what went wrong and what to do."""

from translate_flow.core.errors import TranslateFlowError


class BackupError(TranslateFlowError):
    """A backup that cannot be made or restored; nothing was written where it was refused."""

    code = "backup"
