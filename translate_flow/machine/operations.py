"""An admin adds, switches and removes engines (the rows of `machine_engines`)."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import NotFound, ValidationFailed
from translate_flow.domain.models import MachineEngine, User
from translate_flow.machine import cache, pair_settings
from translate_flow.machine.configured import ENVIRONMENT_KINDS, free_name, load_engine_kinds
from translate_flow.machine.engine import ENGINE_KINDS

MAX_LABEL = 100
MAX_ENDPOINT = 500
MAX_KEY = 2000
MAX_MODEL = 200


@dataclass(frozen=True)
class NewEngine:
    kind: str
    label: str = ""
    endpoint: str = ""
    key: str = ""
    model: str = ""


def _endpoint(value: str) -> str | None:
    if not value:
        return None
    if len(value) > MAX_ENDPOINT:
        raise ValidationFailed(f"The address holds at most {MAX_ENDPOINT} characters.")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationFailed(
            "The address must be an http:// or https:// URL, e.g. http://127.0.0.1:2737."
        )
    return value


def add_engine(session: Session, actor: User, new: NewEngine) -> MachineEngine:
    """A new engine, off until an admin enables it. Named after its kind (`deepl`, `deepl-2`)."""
    load_engine_kinds()
    engine_class = ENGINE_KINDS.get(new.kind)
    if engine_class is None:
        raise ValidationFailed(f"There is no engine of the kind “{new.kind}”.")
    label = new.label.strip() or engine_class.label
    endpoint = _endpoint(new.endpoint.strip())
    key, model = new.key.strip(), new.model.strip()
    if len(label) > MAX_LABEL:
        raise ValidationFailed(f"The name holds at most {MAX_LABEL} characters.")
    if len(key) > MAX_KEY:
        raise ValidationFailed(f"The key holds at most {MAX_KEY} characters.")
    if len(model) > MAX_MODEL:
        raise ValidationFailed(f"The model holds at most {MAX_MODEL} characters.")
    if endpoint is None and not engine_class.default_endpoint:
        raise ValidationFailed(f"{engine_class.label} needs the address of its server.")
    taken = [*ENVIRONMENT_KINDS, *session.scalars(select(MachineEngine.name)).all()]
    row = MachineEngine(
        name=free_name(new.kind, taken),
        kind=new.kind,
        label=label,
        endpoint=endpoint,
        key=key or None,
        model=model or None,
        is_enabled=False,
        created_by_id=actor.id,
    )
    session.add(row)
    session.flush()
    return row


def get_row(session: Session, engine_id: int | None) -> MachineEngine:
    row = session.get(MachineEngine, engine_id) if engine_id else None
    if row is None:
        raise NotFound("There is no such engine (removed already?).")
    return row


def switch_engine(session: Session, row: MachineEngine, *, enabled: bool) -> None:
    """Enable (its pairs get suggestions unless a pair says otherwise) or disable (no text
    goes to it for any pair)."""
    row.is_enabled = enabled
    session.flush()


def remove_engine(session: Session, row: MachineEngine) -> None:
    """The engine, its pair settings and its cached answers go (its name may be reused)."""
    pair_settings.forget_engine(session, row.name)
    cache.forget_engine(session, row.name)
    session.delete(row)
    session.flush()
