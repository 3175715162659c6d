"""Signed, expiring links for invitations and password resets.

A link carries the user id and a fingerprint of the current password hash, so it
stops working the moment it has been used (the hash changes) and after its age.
"""

import hashlib
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from translate_flow.core.errors import ValidationFailed


class LinkInvalid(ValidationFailed):
    code = "link_invalid"


def _fingerprint(user_id: int, email_key: str, password_hash: str | None) -> str:
    material = f"{user_id}:{email_key}:{password_hash or ''}".encode()
    return hashlib.sha256(material).hexdigest()[:20]


@dataclass(frozen=True)
class LinkSigner:
    secret_key: str
    purpose: str  # "invite" or "reset": a reset link cannot be used as an invitation
    max_age_seconds: int

    def _serializer(self) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.secret_key, salt=f"translate_flow.{self.purpose}")

    def sign(self, user_id: int, email_key: str, password_hash: str | None) -> str:
        return self._serializer().dumps(
            {"u": user_id, "f": _fingerprint(user_id, email_key, password_hash)}
        )

    def user_id(self, token: str) -> tuple[int, str]:
        """The user id and fingerprint in a token; raises LinkInvalid with a readable reason."""
        try:
            data = self._serializer().loads(token, max_age=self.max_age_seconds)
        except SignatureExpired as error:
            raise LinkInvalid("This link has expired. Ask for a new one.") from error
        except BadSignature as error:
            raise LinkInvalid("This link is not valid. Check that it was copied whole.") from error
        if not isinstance(data, dict) or not isinstance(data.get("u"), int):
            raise LinkInvalid("This link is not valid. Check that it was copied whole.")
        return data["u"], str(data.get("f", ""))

    @staticmethod
    def matches(fingerprint: str, user_id: int, email_key: str, password_hash: str | None) -> bool:
        return fingerprint == _fingerprint(user_id, email_key, password_hash)
