"""What a format's reader makes of an uploaded file: its units as the file has them, or the
refusal of the whole file."""

from dataclasses import dataclass, field
from typing import Protocol

from translate_flow.core.errors import ValidationFailed
from translate_flow.interchange.units import UnitState


class ByteStream(Protocol):
    """What a reader reads from: an upload's stream, or one with its first bytes put back."""

    def read(self, size: int = -1, /) -> bytes: ...


class FileRefused(ValidationFailed):
    """The whole file is refused and nothing applied; the message says why and what to do."""

    code = "file_refused"


@dataclass(frozen=True, slots=True)
class ReadUnit:
    """One unit as the file has it; what is missing from the file is None."""

    position: int  # 1-based, in the file's order
    unit_id: str  # the file's id, as written
    segment_id: int | None  # the source segment the unit was exported from
    version: int | None  # the row's version at download: the save's base
    target: str | None  # placeholder text; None when the unit has no target
    done: bool | None  # what the file's state says of "finished"; None when it says nothing
    exported_state: UnitState | None  # the state written at download, when the file kept it
    problem: str | None = None  # why the unit cannot be applied as read (its tags)


@dataclass(frozen=True, slots=True)
class ReadFile:
    format: str
    translation_id: int | None
    source_language: str | None
    target_language: str | None
    units: list[ReadUnit] = field(default_factory=list)
