"""People: users, their roles and language pairs, sign-in sessions and API tokens."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from sqlalchemy.sql import Select

from translate_flow.domain.models.base import Base, state_column_type, utcnow
from translate_flow.domain.models.notifications import EmailPreference
from translate_flow.text.collation import collation_key


class Role(StrEnum):
    """What a person may do on the desk; a person can hold several."""

    TRANSLATOR = "translator"  # claims and translates items in their language pairs
    REVIEWER = "reviewer"  # proofreads and approves items in pairs they may review
    COORDINATOR = "coordinator"  # brings articles in, assigns, manages people
    ADMIN = "admin"  # everything, plus site settings and the outbox


def email_key(email: str) -> str:
    """The form of an address used for uniqueness and sign-in: case-insensitive, trimmed."""
    return email.strip().casefold()


def _name_sort_key(context: DefaultExecutionContext) -> bytes:
    # Rows inserted without the ORM (the benchmark's synthetic desk) get their key here.
    return collation_key(str((context.current_parameters or {})["display_name"]))


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    # Addresses are unique whatever their case: Ann@X.org and ann@x.org are one person.
    email_key: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    # The name's collation key (`text.collation`), so lists of people page in SQL in the
    # order readers expect in any script; kept by `_keep_sort_key` whenever the name changes.
    sort_key: Mapped[bytes] = mapped_column(LargeBinary, default=_name_sort_key)
    # None until the person accepts their invitation and chooses one.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    capacity: Mapped[int] = mapped_column(default=3)
    bio: Mapped[str] = mapped_column(Text, default="")
    is_active: Mapped[bool] = mapped_column(default=True)
    email_notifications: Mapped[EmailPreference] = mapped_column(
        state_column_type(EmailPreference, "email_preference"),
        default=EmailPreference.IMMEDIATE,
    )
    last_digest_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    role_rows: Mapped[list["UserRole"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    language_pairs: Mapped[list["LanguagePair"]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="(LanguagePair.source_language, LanguagePair.target_language)",
    )

    __table_args__ = (
        CheckConstraint("capacity >= 0 AND capacity <= 100", name="capacity_range"),
        Index("ix_users_sort_key", "sort_key"),
    )

    @validates("display_name")
    def _keep_sort_key(self, _key: str, name: str) -> str:
        self.sort_key = collation_key(name)
        return name

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(row.role for row in self.role_rows)

    def has_role(self, *roles: Role) -> bool:
        return not self.roles.isdisjoint(roles)

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    @property
    def has_accepted_invitation(self) -> bool:
        return self.password_hash is not None

    # Flask-Login's protocol, written out so the model does not depend on Flask.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    @staticmethod
    def by_email(email: str) -> Select["User"]:
        return select(User).where(User.email_key == email_key(email))

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email_key}>"


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role] = mapped_column(state_column_type(Role, "role"), primary_key=True)
    user: Mapped[User] = relationship(back_populates="role_rows")


class LanguagePair(Base):
    """A direction a person translates in, and whether they may review others' work in it."""

    __tablename__ = "language_pairs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    can_review: Mapped[bool] = mapped_column(default=False)
    # Publishing rights for the pair, granted to trusted reviewers (coordinators always have them).
    can_publish: Mapped[bool] = mapped_column(default=False)
    user: Mapped[User] = relationship(back_populates="language_pairs")

    __table_args__ = (
        UniqueConstraint("user_id", "source_language", "target_language"),
        CheckConstraint("source_language <> target_language", name="distinct_languages"),
    )

    @property
    def label(self) -> str:
        return f"{self.source_language}→{self.target_language}"


class LoginSession(Base):
    """A browser sign-in: the cookie holds a random key, this row its hash; sign-out revokes it."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    ip_address: Mapped[str] = mapped_column(String(64), default="")


class ApiToken(Base):
    """A personal API token; only its SHA-256 is stored, the person sees it once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters, shown in lists so people can tell their tokens apart.
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    user: Mapped[User] = relationship()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
