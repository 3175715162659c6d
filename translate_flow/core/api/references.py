"""How the API names a person inside another object: the same two fields everywhere."""

from typing import Any

from translate_flow.domain.models import User


def person_ref(user: User | None) -> dict[str, Any] | None:
    return {"id": user.id, "name": user.display_name} if user is not None else None
