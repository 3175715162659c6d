"""What a check is, what it finds, and the registry that runs them all.

A check is one small class, as in Weblate's `weblate/checks/`: a stable `name` (stored with a
dismissal, sent in the API), a `severity`, and one method over a segment's source and target
(both in placeholder form, as the editor saves them) and its context, returning findings with
the spans they concern. Registering is decorating the class with `@register`; nothing else
needs to know about a new check.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

from translate_flow.terms.finding import FoundTerm


class Severity(StrEnum):
    ERROR = "error"  # almost surely wrong: a number, a forbidden term, a lost tag
    WARNING = "warning"  # worth a look: punctuation, spacing, an unusual length


@dataclass(frozen=True, slots=True)
class Span:
    """Code points of the text the finding concerns, end exclusive."""

    start: int
    end: int

    def as_json(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    severity: Severity
    message: str
    source_spans: tuple[Span, ...] = ()
    target_spans: tuple[Span, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity.value,
            "message": self.message,
            "source_spans": [span.as_json() for span in self.source_spans],
            "target_spans": [span.as_json() for span in self.target_spans],
        }


@dataclass(frozen=True)
class CheckContext:
    """What a check may need beyond the two texts. Fields a caller cannot give stay empty,
    and a check that needs them says nothing (the stateless API has no article around it).
    """

    source_language: str
    target_language: str
    # The pair's terms found in the source (terms.finding.terms_in over the plain source).
    terms: Sequence[FoundTerm] | None = None
    # The plain source text the term spans refer to (Segment.text), when it differs.
    plain_source: str | None = None
    # Other segments of the same translation: (source, target) pairs, for consistency.
    siblings: Sequence[tuple[str, str]] = ()
    # The pair's usual target/source length ratio and its spread, from approved work.
    length_ratio: tuple[float, float] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Check:
    """One check. Subclasses set `name`, `severity`, `description` and implement `check`."""

    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    description: ClassVar[str] = ""

    def applies(self, source: str, target: str, context: CheckContext) -> bool:
        """Whether the check has anything to say here; by default only on translated text."""
        return bool(target.strip())

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        raise NotImplementedError

    def finding(
        self,
        message: str,
        source_spans: Sequence[Span] = (),
        target_spans: Sequence[Span] = (),
        *,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            self.name,
            severity or self.severity,
            message,
            tuple(source_spans),
            tuple(target_spans),
        )


CHECKS: dict[str, Check] = {}


CheckClass = TypeVar("CheckClass", bound=type[Check])


def register(cls: CheckClass) -> CheckClass:
    if cls.name in CHECKS:
        raise ValueError(f"Two checks are named {cls.name!r}.")
    CHECKS[cls.name] = cls()
    return cls


def run_checks(
    source: str,
    target: str,
    context: CheckContext,
    *,
    only: Callable[[Check], bool] | None = None,
) -> list[Finding]:
    """Every registered check's findings for one segment, errors first."""
    _load_checks()
    findings: list[Finding] = []
    for check in CHECKS.values():
        if only is not None and not only(check):
            continue
        if check.applies(source, target, context):
            findings.extend(check.check(source, target, context))
    return sorted(findings, key=lambda f: (f.severity is not Severity.ERROR, f.check))


def _load_checks() -> None:
    # The checks register themselves when their modules are imported; importing the package
    # of checks here keeps callers from having to know every module.
    from translate_flow.checks import catalogue  # noqa: F401
