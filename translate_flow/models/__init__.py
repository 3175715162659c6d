"""The data model; importing this package registers every table on `Base.metadata`."""

from translate_flow.models.activity import Event
from translate_flow.models.base import Base, utcnow
from translate_flow.models.mail import MailStatus, OutboxEmail
from translate_flow.models.people import (
    ApiToken,
    LanguagePair,
    LoginSession,
    Role,
    User,
    UserRole,
    email_key,
)

__all__ = [
    "ApiToken",
    "Base",
    "Event",
    "LanguagePair",
    "LoginSession",
    "MailStatus",
    "OutboxEmail",
    "Role",
    "User",
    "UserRole",
    "email_key",
    "utcnow",
]
