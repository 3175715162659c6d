"""calling.translate: batches, retries with backoff and Retry-After, the deadline, the circuit."""

import time

import httpx
import pytest

from tests.machine_servers import Canned, FakeLibreTranslate
from translate_flow.machine.calling import RetryPolicy, batches, translate
from translate_flow.machine.circuit import CircuitBoard
from translate_flow.machine.engine import EngineLimits, EngineSettings, MachineError
from translate_flow.machine.engines.libretranslate import LibreTranslateEngine

FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.2, jitter=0.0)


class Clock:
    """The time the calls see: it moves only when they sleep, so no test waits for real."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Sleeps(list[float]):
    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        self.clock.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sleeps(clock: Clock) -> Sleeps:
    return Sleeps(clock)


@pytest.fixture
def fake(httpserver):
    return FakeLibreTranslate(httpserver).install()


@pytest.fixture
def engine(fake):
    with httpx.Client() as http:
        yield LibreTranslateEngine(EngineSettings("libretranslate", fake.url, name="libre"), http)


def run(engine, texts, **options):
    options.setdefault("retry", FAST)
    options.setdefault("circuits", CircuitBoard())
    sleep = options.get("sleep")
    if isinstance(sleep, Sleeps):
        options.setdefault("clock", sleep.clock)
    return translate(engine, texts, "es", "en", **options)


def test_a_503_is_retried_with_exponential_backoff(fake, engine, sleeps):
    fake.then(Canned(503, {"error": "busy"}), Canned(503, {"error": "busy"}))
    assert run(engine, ["Hola"], sleep=sleeps) == ["[en] Hola"]
    assert sleeps == [0.01, 0.02]
    assert len(fake.bodies) == 3


def test_retry_after_is_honoured(fake, engine, sleeps):
    fake.then(Canned(429, {"error": "slow down"}, {"Retry-After": "0.05"}))
    assert run(engine, ["Hola"], sleep=sleeps) == ["[en] Hola"]
    assert sleeps == [0.05]


def test_a_retry_after_longer_than_we_wait_fails_at_once(fake, engine, sleeps):
    fake.then(Canned(429, {"error": "daily quota"}, {"Retry-After": "3600"}))
    with pytest.raises(MachineError) as raised:
        run(engine, ["Hola"], sleep=sleeps)
    assert raised.value.kind == "quota"
    assert raised.value.retry_after == 3600
    assert sleeps == []


def test_a_refusal_is_not_retried(fake, engine, sleeps):
    fake.then(Canned(400, {"error": "Invalid request"}))
    with pytest.raises(MachineError) as raised:
        run(engine, ["Hola"], sleep=sleeps)
    assert raised.value.kind == "refused"
    assert len(fake.bodies) == 1


def test_retries_stop_at_the_deadline(fake, engine, clock, sleeps):
    fake.then(*[Canned(503, {"error": "busy"})] * 3)
    slow = RetryPolicy(attempts=3, base_delay=0.2, max_delay=1, jitter=0)
    with pytest.raises(MachineError) as raised:
        run(engine, ["Hola"], retry=slow, deadline=clock.now + 0.1, sleep=sleeps)
    assert raised.value.kind == "unavailable"
    assert len(fake.bodies) == 1


def test_a_passed_deadline_sends_nothing(fake, engine):
    with pytest.raises(MachineError) as raised:
        run(engine, ["Hola"], deadline=time.monotonic() - 1)
    assert raised.value.kind == "timeout"
    assert fake.bodies == []


def test_the_circuit_opens_after_five_failures_and_closes_after_a_good_trial(fake, engine, clock):
    circuits = CircuitBoard(threshold=5, cool_down=30, clock=clock)
    once = RetryPolicy(attempts=1)
    fake.then(*[Canned(500, {"error": "down"})] * 5)
    for _ in range(5):
        with pytest.raises(MachineError):
            run(engine, ["Hola"], retry=once, circuits=circuits)
    with pytest.raises(MachineError) as raised:
        run(engine, ["Hola"], retry=once, circuits=circuits)
    assert raised.value.kind == "unavailable"
    assert "paused" in raised.value.message
    assert len(fake.bodies) == 5  # the sixth call never left
    clock.now += 30  # the cool-down has passed: one trial call goes
    assert run(engine, ["Hola"], retry=once, circuits=circuits) == ["[en] Hola"]
    assert circuits.for_engine("libre").state() == "closed"


def test_each_distinct_text_is_sent_once_and_a_lone_url_not_at_all(fake, engine):
    texts = ["Hola", "https://example.com/a", "Hola", "Adiós {1}"]
    assert run(engine, texts) == [
        "[en] Hola",
        "https://example.com/a",
        "[en] Hola",
        "[en] Adiós {1}",
    ]
    assert [body["q"] for body in fake.bodies] == [["Hola", "Adiós [X0X]"]]


def test_pairs_outside_the_engine_settings_are_never_sent(fake):
    with httpx.Client() as http:
        engine = LibreTranslateEngine(
            EngineSettings("libretranslate", fake.url, pairs=frozenset({("en", "es")})), http
        )
        with pytest.raises(MachineError) as raised:
            run(engine, ["Hola"])
    assert raised.value.kind == "refused"
    assert fake.bodies == []


def test_batches_keep_within_texts_and_characters(engine):
    engine.limits = EngineLimits(max_texts=3, max_chars=10, timeout=1)
    assert batches(engine, ["aaaa", "bbbb", "c", "d", "e", "ffffffffff"]) == [
        ["aaaa", "bbbb", "c"],
        ["d", "e"],
        ["ffffffffff"],
    ]
    with pytest.raises(MachineError) as raised:
        batches(engine, ["g" * 11])
    assert raised.value.kind == "refused"
