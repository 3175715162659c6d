"""Domain errors: services raise these, the request boundary turns them into 4xx answers."""


class TranslateFlowError(Exception):
    """Base of every error a service raises on purpose; `message` is shown to the person."""

    status_code = 400
    code = "bad_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationFailed(TranslateFlowError):
    """The input cannot be accepted as it is."""

    status_code = 400
    code = "invalid"


class PermissionDenied(TranslateFlowError):
    """The person may not do this."""

    status_code = 403
    code = "forbidden"


class NotFound(TranslateFlowError):
    """The thing asked for does not exist (or is not visible to the person)."""

    status_code = 404
    code = "not_found"


class Conflict(TranslateFlowError):
    """The request clashes with the current state, e.g. a duplicate or a stale edit."""

    status_code = 409
    code = "conflict"


class TooManyAttempts(TranslateFlowError):
    """A limit on attempts was reached; `retry_after` says in how many seconds it lifts."""

    status_code = 429
    code = "rate_limited"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class UnknownLanguage(ValidationFailed):
    """A language code that no locale data describes."""

    code = "unknown_language"


class TooLarge(TranslateFlowError):
    """The input is within the size of a request but would cost too much to read: 413."""

    status_code = 413
    code = "too_large"
