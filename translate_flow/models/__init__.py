"""The data model; importing this package registers every table on `Base.metadata`."""

from translate_flow.models.activity import Event
from translate_flow.models.articles import (
    Article,
    ArticleStatus,
    ArticleTag,
    Priority,
    Segment,
    SegmentChange,
    SourceRevision,
)
from translate_flow.models.base import Base, utcnow
from translate_flow.models.comments import Comment
from translate_flow.models.feeds import FeedSuggestion, SuggestionStatus
from translate_flow.models.limits import LimitedAttempt
from translate_flow.models.mail import MailStatus, OutboxEmail
from translate_flow.models.notifications import EmailPreference, Notification
from translate_flow.models.outlets import Outlet, outlet_name_key
from translate_flow.models.people import (
    ApiToken,
    LanguagePair,
    LoginSession,
    Role,
    User,
    UserRole,
    email_key,
)
from translate_flow.models.publishing import Publication, ReaderComment, ReaderCommentStatus
from translate_flow.models.revisions import RevisionOrigin, SegmentRevision
from translate_flow.models.search import is_managed_by_migrations
from translate_flow.models.segment_kinds import SegmentKind
from translate_flow.models.translations import (
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
    "Comment",
    "EmailPreference",
    "Event",
    "FeedSuggestion",
    "LanguagePair",
    "LimitedAttempt",
    "LoginSession",
    "MailStatus",
    "Notification",
    "OutboxEmail",
    "Outlet",
    "Priority",
    "Publication",
    "ReaderComment",
    "ReaderCommentStatus",
    "ReviewSeen",
    "RevisionOrigin",
    "Role",
    "Segment",
    "SegmentChange",
    "SegmentKind",
    "SegmentRevision",
    "Snapshot",
    "SourceRevision",
    "SuggestionStatus",
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
