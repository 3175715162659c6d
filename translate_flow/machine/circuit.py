"""A circuit breaker per engine name, in this process: stop calling an engine that keeps failing.

Closed: calls go through. After `threshold` consecutive failures it opens: calls fail at once
for `cool_down` seconds. Then it is half-open: one trial call goes through (others still fail
at once); its success closes the circuit, its failure opens it for another cool-down.
Each worker process keeps its own circuits; that is enough to spare a dead provider and the
editors' waiting, without shared state.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

State = Literal["closed", "open", "half-open"]

DEFAULT_THRESHOLD = 5
DEFAULT_COOL_DOWN = 30.0


@dataclass
class Circuit:
    threshold: int = DEFAULT_THRESHOLD
    cool_down: float = DEFAULT_COOL_DOWN
    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    opened_at: float | None = None
    trial_running: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def state(self) -> State:
        with self._lock:
            return self._state()

    def _state(self) -> State:
        if self.opened_at is None:
            return "closed"
        if self.clock() - self.opened_at >= self.cool_down:
            return "half-open"
        return "open"

    def allow(self) -> bool:
        """Whether a call may go out now; in half-open state only one trial at a time."""
        with self._lock:
            state = self._state()
            if state == "closed":
                return True
            if state == "half-open" and not self.trial_running:
                self.trial_running = True
                return True
            return False

    def seconds_until_trial(self) -> float:
        with self._lock:
            if self.opened_at is None:
                return 0.0
            return max(0.0, self.opened_at + self.cool_down - self.clock())

    def record_success(self) -> None:
        with self._lock:
            self.failures = 0
            self.opened_at = None
            self.trial_running = False

    def record_failure(self) -> None:
        with self._lock:
            self.failures += 1
            if self.trial_running or self.failures >= self.threshold:
                self.opened_at = self.clock()
            self.trial_running = False


class CircuitBoard:
    """The circuits of one process, one per engine name."""

    def __init__(
        self,
        threshold: int = DEFAULT_THRESHOLD,
        cool_down: float = DEFAULT_COOL_DOWN,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.threshold = threshold
        self.cool_down = cool_down
        self.clock = clock
        self._circuits: dict[str, Circuit] = {}
        self._lock = threading.Lock()

    def for_engine(self, name: str) -> Circuit:
        with self._lock:
            circuit = self._circuits.get(name)
            if circuit is None:
                circuit = Circuit(self.threshold, self.cool_down, self.clock)
                self._circuits[name] = circuit
            return circuit

    def reset(self) -> None:
        with self._lock:
            self._circuits.clear()


CIRCUITS = CircuitBoard()
