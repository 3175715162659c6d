"""The backup file: one uncompressed tar holding `manifest.json`, the database payload and
`SHA256SUMS` (the two files' checksums, in the format `sha256sum -c` reads).

Written to a temporary name and renamed, so a backup interrupted half-way leaves no file that
looks like a backup; read back by checking both checksums before anything else happens.
"""

import hashlib
import io
import os
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from translate_flow.backup.errors import BackupError
from translate_flow.backup.manifest import (
    MANIFEST_NAME,
    PAYLOAD_NAMES,
    SUMS_NAME,
    Manifest,
    Payload,
    read_manifest,
)

CHUNK = 1024 * 1024
# A backup holds password hashes and every unpublished text: only its owner may read it.
FILE_MODE = 0o600


def sha256_of(stream: IO[bytes]) -> tuple[str, int]:
    """The stream's SHA-256 (hex) and its length in bytes."""
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def describe_payload(path: Path, backend: str) -> Payload:
    with path.open("rb") as stream:
        checksum, size = sha256_of(stream)
    return Payload(name=PAYLOAD_NAMES[backend], bytes=size, sha256=checksum)


def _sums(manifest_bytes: bytes, payload: Payload) -> bytes:
    manifest_sum = hashlib.sha256(manifest_bytes).hexdigest()
    return f"{manifest_sum}  {MANIFEST_NAME}\n{payload.sha256}  {payload.name}\n".encode()


def _member(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    info.mode = FILE_MODE
    tar.addfile(info, io.BytesIO(data))


def write_archive(destination: Path, manifest: Manifest, payload_path: Path) -> None:
    """Write the backup at `destination` (which must not exist yet), all or nothing."""
    if destination.exists():
        raise BackupError(f"{destination} exists already; a backup never overwrites a file.")
    manifest_bytes = manifest.to_json()
    handle, temporary = tempfile.mkstemp(
        dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial"
    )
    os.close(handle)
    partial = Path(temporary)
    try:
        partial.chmod(FILE_MODE)
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            _member(tar, MANIFEST_NAME, manifest_bytes)
            info = tar.gettarinfo(payload_path, arcname=manifest.payload.name)
            info.mode = FILE_MODE
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            with payload_path.open("rb") as stream:
                tar.addfile(info, stream)
            _member(tar, SUMS_NAME, _sums(manifest_bytes, manifest.payload))
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        partial.replace(destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Backup:
    """A backup file whose manifest and payload checksums were found right."""

    path: Path
    manifest: Manifest


def _not_a_backup(path: Path, why: str) -> BackupError:
    return BackupError(f"{path} is not a translate_flow backup that can be restored: {why}.")


@contextmanager
def _open(path: Path) -> Iterator[tarfile.TarFile]:
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    try:
        tar = tarfile.open(path, "r:")  # noqa: SIM115 (closed by the `with` below)
    except (tarfile.TarError, OSError) as error:
        raise _not_a_backup(path, f"it is not a tar file ({error})") from None
    with tar:
        yield tar


def _read(tar: tarfile.TarFile, path: Path, name: str) -> IO[bytes]:
    try:
        member = tar.getmember(name)
    except KeyError:
        raise _not_a_backup(path, f"it has no {name}") from None
    stream = tar.extractfile(member) if member.isfile() else None
    if stream is None:
        raise _not_a_backup(path, f"its {name} is not a file")
    return stream


def _read_sums(text: str) -> dict[str, str]:
    """`sha256sum` lines (`<hex>  <name>`) as {name: hex}."""
    sums = {}
    for line in text.splitlines():
        checksum, _space, name = line.partition(" ")
        sums[name.strip().lstrip("*")] = checksum
    return sums


def open_backup(path: Path) -> Backup:
    """Read and check a backup: its manifest against SHA256SUMS, its payload against both.

    Reads the whole payload once; raises BackupError, and writes nothing, if any of it is off.
    """
    try:
        with _open(path) as tar:
            manifest_bytes = _read(tar, path, MANIFEST_NAME).read()
            sums = _read(tar, path, SUMS_NAME).read().decode("utf-8", "replace")
            expected = _read_sums(sums)
            if expected.get(MANIFEST_NAME) != hashlib.sha256(manifest_bytes).hexdigest():
                raise BackupError(
                    f"The backup's manifest is damaged: its checksum does not match {SUMS_NAME}. "
                    "Nothing was restored."
                )
            manifest = read_manifest(manifest_bytes)
            if manifest.payload.name != PAYLOAD_NAMES[manifest.backend]:
                raise _not_a_backup(
                    path, f"its payload is not named {PAYLOAD_NAMES[manifest.backend]}"
                )
            checksum, size = sha256_of(_read(tar, path, manifest.payload.name))
    except (tarfile.TarError, OSError) as error:
        raise _not_a_backup(path, f"the file cannot be read to its end ({error})") from None
    if (checksum, size) != (manifest.payload.sha256, manifest.payload.bytes) or expected.get(
        manifest.payload.name
    ) != checksum:
        raise BackupError(
            f"The backup's {manifest.payload.name} is damaged: its checksum does not match the "
            "manifest. Nothing was restored; use another backup."
        )
    return Backup(path, manifest)


def extract_payload(backup: Backup, destination: Path) -> None:
    """Copy the payload to `destination`, checking its checksum again as it goes (the file
    might have changed since it was opened) and flushing it to the disk."""
    digest = hashlib.sha256()
    try:
        with _open(backup.path) as tar, destination.open("xb") as out:
            source = _read(tar, backup.path, backup.manifest.payload.name)
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except (tarfile.TarError, OSError) as error:
        raise _not_a_backup(backup.path, f"the payload cannot be read ({error})") from None
    if digest.hexdigest() != backup.manifest.payload.sha256:
        raise BackupError(
            f"{backup.path} changed while it was being restored; nothing was restored."
        )
