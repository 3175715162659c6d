"""Password hashing with argon2id; the cost is configurable so tests can run cheaply."""

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 10


@dataclass(frozen=True)
class PasswordPolicy:
    time_cost: int = 3
    memory_cost_kib: int = 65536
    parallelism: int = 4

    def hasher(self) -> PasswordHasher:
        return PasswordHasher(
            time_cost=self.time_cost, memory_cost=self.memory_cost_kib, parallelism=self.parallelism
        )


class Passwords:
    """Hashes and verifies; `needs_rehash` lets sign-in upgrade old hashes when the cost rises."""

    def __init__(self, policy: PasswordPolicy | None = None) -> None:
        self._hasher = (policy or PasswordPolicy()).hasher()
        # Verifying against a real hash when the account does not exist keeps the
        # timing of "no such user" and "wrong password" alike.
        self._decoy = self._hasher.hash("decoy password for timing")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash or self._decoy, password) and bool(stored_hash)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        return self._hasher.check_needs_rehash(stored_hash)


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why a new password is not acceptable, or None; follows NIST 800-63B (length, not symbols)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > 1024:
        return "Use at most 1,024 characters."
    lowered = password.casefold()
    for personal in (email.casefold(), email.split("@")[0].casefold(), name.casefold()):
        if personal and len(personal) >= 4 and personal in lowered:
            return "Do not build the password from your name or e-mail address."
    if len(set(password)) < 4:
        return "Use a password with more variety than a repeated character."
    return None
