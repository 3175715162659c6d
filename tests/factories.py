"""Factories for test data: people with roles and pairs, without typing the same fields again."""

import itertools
from collections.abc import Iterable
from dataclasses import replace

from flask import Flask

from translate_flow.domain.models import Article, Role, User
from translate_flow.intake.articles import ArticleInput, create_article
from translate_flow.intake.formats import BodyFormat
from translate_flow.people.members import PairSpec, create_user

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


class UserFactory:
    """Creates people straight through the service, committed, as the CLI would."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def __call__(
        self,
        *roles: Role,
        email: str | None = None,
        name: str | None = None,
        pairs: Iterable[str] = (),
        reviews: Iterable[str] = (),
        publishes: Iterable[str] = (),
        password: str | None = PASSWORD,
        active: bool = True,
        capacity: int = 3,
        bio: str = "",
    ) -> User:
        number = next(_numbers)
        specs = [PairSpec.parse(p) for p in pairs] + [
            PairSpec.parse(p, can_review=True) for p in reviews
        ]
        specs += [replace(PairSpec.parse(p, can_review=True), can_publish=True) for p in publishes]
        with self.app.extensions["translate_flow.db"].transaction() as session:
            user = create_user(
                session,
                self.app.extensions["translate_flow.passwords"],
                email=email or f"person{number}@example.org",
                display_name=name or f"Person {number}",
                roles=roles or (Role.TRANSLATOR,),
                pairs=specs,
                password=password,
                capacity=capacity,
                bio=bio,
            )
            user.is_active = active
        return user


class ArticleFactory:
    """Creates articles through the service, committed, as a coordinator would."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def __call__(self, actor: User, **fields: object) -> Article:
        number = next(_numbers)
        values: dict[str, object] = {
            "title": f"Article {number}",
            "body": f"First paragraph of article {number}.\n\nSecond paragraph.",
            "body_format": BodyFormat.TEXT,
            "source_language": "ja",
        }
        values.update(fields)
        with self.app.extensions["translate_flow.db"].transaction() as session:
            return create_article(
                session,
                session.merge(actor),
                ArticleInput(**values),  # type: ignore[arg-type]
                target_languages=self.app.config["TARGET_LANGUAGES"],
            )
