"""`backup --keep N`: the N newest of a database's own backups stay, older ones go.

Only files named as this desk's backups of this database are considered (see naming.py):
another desk's backups, or anything else an admin keeps in the directory, are never touched.
"""

from pathlib import Path

from translate_flow.backup.naming import backend_of, database_label, parse_name


def prune(directory: Path, url: str, keep: int) -> list[Path]:
    """Delete all but the `keep` newest backups of `url`'s database in `directory`; the
    deleted files, oldest first."""
    label, backend = database_label(url), backend_of(url)
    own = []
    for path in directory.iterdir():
        name = parse_name(path.name)
        if name and name.database == label and name.backend == backend and path.is_file():
            own.append((name.made_at, path.name, path))
    own.sort()
    doomed = [path for _made_at, _name, path in own[: max(len(own) - keep, 0)]]
    for path in doomed:
        path.unlink()
    return doomed
