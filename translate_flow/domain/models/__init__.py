"""The data model; importing this package registers every table on `Base.metadata`."""

from translate_flow.domain.models.activity import Event
from translate_flow.domain.models.articles import (
    Article,
    ArticleStatus,
    ArticleTag,
    Priority,
    Segment,
    SegmentChange,
    SourceRevision,
)
from translate_flow.domain.models.base import Base, utcnow
from translate_flow.domain.models.checks import CheckDismissal
from translate_flow.domain.models.comments import Comment
from translate_flow.domain.models.feeds import FeedSuggestion, SuggestionStatus
from translate_flow.domain.models.limits import LimitedAttempt
from translate_flow.domain.models.machine import (
    MachineCacheEntry,
    MachineEngine,
    MachineMode,
    MachinePairSetting,
)
from translate_flow.domain.models.machine_share import MachineShare
from translate_flow.domain.models.mail import MailStatus, OutboxEmail
from translate_flow.domain.models.memory import MemoryCollection, MemoryTerm, MemoryUnit
from translate_flow.domain.models.notifications import EmailPreference, Notification
from translate_flow.domain.models.outlets import Outlet, outlet_name_key
from translate_flow.domain.models.people import (
    ApiToken,
    LanguagePair,
    LoginSession,
    Role,
    User,
    UserRole,
    email_key,
)
from translate_flow.domain.models.publishing import (
    Publication,
    PublicSiteGeneration,
    ReaderComment,
    ReaderCommentStatus,
)
from translate_flow.domain.models.review_marks import ReviewMark
from translate_flow.domain.models.revisions import RevisionOrigin, SegmentRevision
from translate_flow.domain.models.search import is_managed_by_migrations
from translate_flow.domain.models.segment_kinds import SegmentKind
from translate_flow.domain.models.statistics import (
    StatisticsMark,
    StatisticsMove,
    StatisticsSaves,
    StatisticsStretch,
    StatisticsTranslation,
)
from translate_flow.domain.models.terms import (
    Term,
    TermAction,
    TermCategory,
    TermChange,
    TermStatus,
)
from translate_flow.domain.models.translations import (
    ReviewSeen,
    Snapshot,
    Translation,
    TranslationSegment,
    TranslationState,
)

__all__ = [
    "ApiToken",
    "Article",
    "ArticleStatus",
    "ArticleTag",
    "Base",
    "CheckDismissal",
    "Comment",
    "EmailPreference",
    "Event",
    "FeedSuggestion",
    "LanguagePair",
    "LimitedAttempt",
    "LoginSession",
    "MachineCacheEntry",
    "MachineEngine",
    "MachineMode",
    "MachinePairSetting",
    "MachineShare",
    "MailStatus",
    "MemoryCollection",
    "MemoryTerm",
    "MemoryUnit",
    "Notification",
    "OutboxEmail",
    "Outlet",
    "Priority",
    "PublicSiteGeneration",
    "Publication",
    "ReaderComment",
    "ReaderCommentStatus",
    "ReviewMark",
    "ReviewSeen",
    "RevisionOrigin",
    "Role",
    "Segment",
    "SegmentChange",
    "SegmentKind",
    "SegmentRevision",
    "Snapshot",
    "SourceRevision",
    "StatisticsMark",
    "StatisticsMove",
    "StatisticsSaves",
    "StatisticsStretch",
    "StatisticsTranslation",
    "SuggestionStatus",
    "Term",
    "TermAction",
    "TermCategory",
    "TermChange",
    "TermStatus",
    "Translation",
    "TranslationSegment",
    "TranslationState",
    "User",
    "UserRole",
    "email_key",
    "is_managed_by_migrations",
    "outlet_name_key",
    "utcnow",
]
