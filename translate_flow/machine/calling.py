"""Calling an engine with care: protected placeholders, batches within its limits, retries with
backoff, a circuit breaker, a deadline. No caching here (the desk caches above this)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from translate_flow.machine.circuit import CIRCUITS, CircuitBoard
from translate_flow.machine.engine import Engine, MachineError
from translate_flow.machine.protection import Protected, TokenStyle, protect, restore

# Quota and outages may pass; a refusal (bad key, unsupported pair) will not, and a timeout has
# already cost the editor the engine's whole timeout once.
RETRYABLE_KINDS = frozenset({"quota", "unavailable"})


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3  # calls per batch, the first included
    base_delay: float = 0.5  # seconds before the first retry; doubled each time
    max_delay: float = 8.0  # the longest wait we accept; a longer Retry-After fails at once
    jitter: float = 0.25  # ± this fraction of each delay, so workers do not retry in step


DEFAULT_RETRY = RetryPolicy()


def translate(
    engine: Engine,
    texts: Sequence[str],
    source_language: str,
    target_language: str,
    *,
    deadline: float | None = None,
    retry: RetryPolicy = DEFAULT_RETRY,
    circuits: CircuitBoard = CIRCUITS,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> list[str]:
    """The translations of texts, in order; raises MachineError.

    deadline: a time.monotonic() instant after which no request or retry starts.
    """
    restrict = engine.settings.pairs
    if restrict is not None and (source_language, target_language) not in restrict:
        raise MachineError(
            "refused", f"{engine.label} is not set up for {source_language} → {target_language}"
        )
    style = engine.token_style
    protected = [protect(text, style) for text in texts]
    # Each distinct text goes out once; texts with nothing to translate (a lone URL) not at all.
    to_send: list[str] = []
    for item in protected:
        if item.has_words and item.text not in to_send:
            to_send.append(item.text)
    translated: dict[str, str] = {}
    for batch in batches(engine, to_send):
        answers = _call_with_retries(
            engine, batch, source_language, target_language, deadline, retry, circuits, sleep, clock
        )
        translated.update(zip(batch, answers, strict=True))
    return [_finish(item, translated, style) for item in protected]


def _finish(item: Protected, translated: dict[str, str], style: TokenStyle) -> str:
    if not item.has_words:
        return "".join(_interleave(item))
    return restore(translated[item.text], item, style).text


def _interleave(item: Protected) -> list[str]:
    out: list[str] = []
    for index, plain in enumerate(item.plain):
        out.append(plain)
        if index < len(item.spans):
            out.append(item.spans[index])
    return out


def batches(engine: Engine, texts: Sequence[str]) -> list[list[str]]:
    """Consecutive runs of texts within the engine's text and character limits."""
    limits = engine.limits
    out: list[list[str]] = []
    current: list[str] = []
    size = 0
    for text in texts:
        if len(text) > limits.max_chars:
            raise MachineError(
                "refused",
                f"{engine.label} takes at most {limits.max_chars} characters at once; "
                f"a text has {len(text)}",
            )
        if current and (len(current) >= limits.max_texts or size + len(text) > limits.max_chars):
            out.append(current)
            current, size = [], 0
        current.append(text)
        size += len(text)
    if current:
        out.append(current)
    return out


def _call_with_retries(
    engine: Engine,
    batch: list[str],
    source_language: str,
    target_language: str,
    deadline: float | None,
    retry: RetryPolicy,
    circuits: CircuitBoard,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
) -> list[str]:
    circuit = circuits.for_engine(engine.name)
    attempt = 0
    while True:
        attempt += 1
        if deadline is not None and clock() >= deadline:
            raise MachineError("timeout", f"no time was left to ask {engine.label}")
        if not circuit.allow():
            wait = circuit.seconds_until_trial()
            raise MachineError(
                "unavailable",
                f"{engine.label} failed repeatedly and is paused for {wait:.0f} s",
                retry_after=wait,
            )
        try:
            answers = engine.translate_batch(batch, source_language, target_language)
            if len(answers) != len(batch):
                raise MachineError(
                    "unavailable",
                    f"{engine.label} returned {len(answers)} translations for {len(batch)} texts",
                )
        except MachineError as error:
            if error.kind == "refused":
                circuit.record_success()  # it answered: the engine is up, the request was wrong
                raise
            circuit.record_failure()
            delay = _delay(error, attempt, retry)
            if (
                error.kind not in RETRYABLE_KINDS
                or attempt >= retry.attempts
                or delay is None
                or (deadline is not None and clock() + delay >= deadline)
            ):
                raise
            sleep(delay)
            continue
        circuit.record_success()
        return answers


def _delay(error: MachineError, attempt: int, retry: RetryPolicy) -> float | None:
    """Seconds to wait before the next attempt; None where waiting is not worth it."""
    if error.retry_after is not None:
        return error.retry_after if error.retry_after <= retry.max_delay else None
    delay = min(retry.max_delay, retry.base_delay * 2.0 ** (attempt - 1))
    return max(0.0, delay * (1 + random.uniform(-retry.jitter, retry.jitter)))  # noqa: S311
