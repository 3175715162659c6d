"""What every machine-translation engine is: limits, settings, one provider request, and its errors.

Each engine only makes its provider's HTTP call; protection of placeholders, batching, retries and
the circuit breaker live once in machine/calling.py, as Weblate's machinery/base.py keeps them in
its base class.
"""

from __future__ import annotations

import email.utils
import json
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, TypeVar

import httpx

from translate_flow.machine.protection import BRACKETS, TokenStyle

ErrorKind = Literal["unavailable", "quota", "refused", "timeout"]
ERROR_KINDS: frozenset[str] = frozenset({"unavailable", "quota", "refused", "timeout"})


class MachineError(Exception):
    """An engine could not translate.

    kind: "unavailable" (network, 5xx, malformed answer, circuit open), "quota" (429/456, quota
    exceeded), "refused" (4xx: bad key, unsupported pair, text too long), "timeout".
    retry_after: seconds the provider asked us to wait, where it said so.
    """

    def __init__(self, kind: str, message: str, *, retry_after: float | None = None) -> None:
        if kind not in ERROR_KINDS:
            raise ValueError(f"unknown machine error kind {kind!r}")
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return f"MachineError({self.kind!r}, {self.message!r}, retry_after={self.retry_after!r})"


@dataclass(frozen=True)
class EngineLimits:
    max_texts: int  # texts per request
    max_chars: int  # characters per request (sum)
    timeout: float  # seconds per request


@dataclass(frozen=True)
class EngineSettings:
    """What configuration gives an engine."""

    kind: str  # "apertium" | "deepl" | "google" | "libretranslate" | "openai"
    endpoint: str | None
    key: str | None = None
    model: str | None = None  # the OpenAI-compatible model name; Google's project id
    pairs: frozenset[tuple[str, str]] | None = None  # desk codes; None = all it supports
    # Two engines of one kind (an env one and an admin row) must not share a circuit breaker.
    name: str | None = None
    timeout: float | None = None  # overrides the engine's default request timeout


class Engine(ABC):
    kind: ClassVar[str]
    label: ClassVar[str]
    default_endpoint: ClassVar[str | None] = None
    # How calling.py writes protected placeholders for this engine (see protection.py).
    token_style: ClassVar[TokenStyle] = BRACKETS
    default_limits: ClassVar[EngineLimits] = EngineLimits(
        max_texts=50, max_chars=10_000, timeout=20.0
    )
    limits: EngineLimits

    def __init__(self, settings: EngineSettings, http: httpx.Client) -> None:
        self.settings = settings
        self.http = http
        endpoint = settings.endpoint or self.default_endpoint_for(settings)
        if not endpoint:
            raise ValueError(f"the {self.label} engine needs an endpoint")
        self.endpoint = endpoint.rstrip("/")
        limits = self.default_limits
        if settings.timeout is not None:
            limits = EngineLimits(limits.max_texts, limits.max_chars, settings.timeout)
        self.limits = limits

    @classmethod
    def default_endpoint_for(cls, settings: EngineSettings) -> str | None:
        """Where the provider answers when the settings name no endpoint."""
        return cls.default_endpoint

    @property
    def name(self) -> str:
        """The key of this engine's circuit breaker (and of the desk's cache rows)."""
        return self.settings.name or self.kind

    def provider_pairs(self) -> frozenset[tuple[str, str]] | None:
        """Every pair the provider offers, in desk codes; None where it takes any pair."""
        return None

    def supported_pairs(self) -> frozenset[tuple[str, str]] | None:
        """Desk-code pairs it will translate; None = any. Settings narrow the provider's."""
        offered = self.provider_pairs()
        restrict = self.settings.pairs
        if restrict is None:
            return offered
        if offered is None:
            return restrict
        return offered & restrict

    @abstractmethod
    def translate_batch(
        self, texts: list[str], source_language: str, target_language: str
    ) -> list[str]:
        """One provider request within self.limits; raises MachineError."""

    # --- helpers shared by the HTTP engines -------------------------------------------------

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """One request; every failure becomes a MachineError of the right kind."""
        kwargs.setdefault("timeout", self.limits.timeout)
        try:
            response = self.http.request(method, url, **kwargs)
        except httpx.TimeoutException as error:
            raise MachineError(
                "timeout", f"{self.label} did not answer within {self.limits.timeout:g} s"
            ) from error
        except httpx.HTTPError as error:
            raise MachineError(
                "unavailable", f"{self.label} could not be reached: {error}"
            ) from error
        if response.status_code >= 400:
            raise self._status_error(response)
        return response

    def _status_error(self, response: httpx.Response) -> MachineError:
        status = response.status_code
        detail = _provider_message(response)
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if status in (429, 456):
            return MachineError(
                "quota", f"{self.label} quota exceeded ({status}){detail}", retry_after=retry_after
            )
        if status in (401, 403):
            return MachineError("refused", f"{self.label} refused the key ({status}){detail}")
        if status == 408:
            return MachineError("timeout", f"{self.label} timed out ({status}){detail}")
        if status >= 500:
            return MachineError(
                "unavailable",
                f"{self.label} is unavailable ({status}){detail}",
                retry_after=retry_after,
            )
        return MachineError("refused", f"{self.label} refused the request ({status}){detail}")

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise MachineError(
                "unavailable", f"{self.label} answered something that is not JSON"
            ) from error

    def _malformed(self, what: str) -> MachineError:
        return MachineError("unavailable", f"{self.label} answered in an unexpected shape: {what}")

    def _listed_texts(self, body: Any, field: str, count: int) -> list[str]:
        """The `field` of each entry of body["translations"] (DeepL, Google), one a text sent."""
        translations = body.get("translations") if isinstance(body, dict) else None
        if not isinstance(translations, list):
            raise self._malformed("no translations list")
        texts = []
        for item in translations:
            text = item.get(field) if isinstance(item, dict) else None
            if not isinstance(text, str):
                raise self._malformed(f"a translation without {field}")
            texts.append(text)
        return self._one_each(texts, count)

    def _one_each(self, translations: list[str], count: int) -> list[str]:
        """The translations, if there is one for each of the `count` texts sent."""
        if len(translations) != count:
            raise MachineError(
                "unavailable",
                f"{self.label} returned {len(translations)} translations for {count} texts",
            )
        return translations


def _provider_message(response: httpx.Response) -> str:
    """The provider's own words about an error, short, for logs and the admin page."""
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        text = response.text.strip()
        return f": {text[:200]}" if text and "<" not in text[:1] else ""
    message: Any = body
    if isinstance(body, Mapping):
        message = body.get("message") or body.get("error") or body.get("detail") or ""
        if isinstance(message, Mapping):
            message = message.get("message", "")
    if not isinstance(message, str) or not message:
        return ""
    return f": {message[:200]}"


def parse_retry_after(value: str | None, *, now: Callable[[], float] = time.time) -> float | None:
    """Seconds from a Retry-After header, in either form RFC 9110 allows."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - now())


ENGINE_KINDS: dict[str, type[Engine]] = {}

EngineType = TypeVar("EngineType", bound=type[Engine])


def register_engine(engine_class: EngineType) -> EngineType:
    """Class decorator: makes an engine kind known to configuration."""
    kind = engine_class.kind
    if kind in ENGINE_KINDS and ENGINE_KINDS[kind] is not engine_class:
        raise ValueError(f"engine kind {kind!r} is registered twice")
    ENGINE_KINDS[kind] = engine_class
    return engine_class


def make_engine(settings: EngineSettings, http: httpx.Client) -> Engine:
    """The engine for these settings; ValueError for an unknown kind."""
    try:
        engine_class = ENGINE_KINDS[settings.kind]
    except KeyError:
        raise ValueError(f"unknown machine-translation engine {settings.kind!r}") from None
    return engine_class(settings, http)
