"""Backup files changed after they were written: damaged by a disk, or edited by hand."""

import hashlib
import io
import json
import tarfile
from collections.abc import Callable
from pathlib import Path

from translate_flow.backup.manifest import MANIFEST_NAME, SUMS_NAME


def members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {
            member.name: tar.extractfile(member).read()  # type: ignore[union-attr]
            for member in tar.getmembers()
        }


def write_members(path: Path, files: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def replace_manifest(source: Path, target: Path, raw: bytes, *, sums: bool = True) -> Path:
    """A copy of the backup with `raw` for its manifest, and its SHA256SUMS made to agree (as
    a person who meant it would), or left as it was (`sums=False`)."""
    files = members(source)
    files[MANIFEST_NAME] = raw
    if sums:
        lines = files[SUMS_NAME].decode().splitlines()
        lines[0] = f"{hashlib.sha256(raw).hexdigest()}  {MANIFEST_NAME}"
        files[SUMS_NAME] = ("\n".join(lines) + "\n").encode()
    return write_members(target, files)


def edit_manifest(
    source: Path, target: Path, edit: Callable[[dict[str, object]], None], *, sums: bool = True
) -> Path:
    """A copy of the backup with its manifest edited (see `replace_manifest`)."""
    manifest = json.loads(members(source)[MANIFEST_NAME])
    edit(manifest)
    return replace_manifest(source, target, json.dumps(manifest).encode(), sums=sums)


def flip_a_byte(path: Path, payload_name: str) -> None:
    """One bit of the payload changed where it lies in the file, as a failing disk does."""
    with tarfile.open(path) as tar:
        member = tar.getmember(payload_name)
        where = member.offset_data + member.size // 2
    with path.open("r+b") as file:
        file.seek(where)
        byte = file.read(1)
        file.seek(where)
        file.write(bytes([byte[0] ^ 0x01]))
