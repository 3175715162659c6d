"""The circuit breaker: opens after five failures in a row, tries again after a cool-down."""

import threading

from translate_flow.machine.circuit import Circuit, CircuitBoard


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def opened(clock: Clock) -> Circuit:
    """A circuit that five failures in a row have just opened."""
    circuit = Circuit(threshold=5, cool_down=30, clock=clock)
    for _ in range(5):
        circuit.record_failure()
    return circuit


def test_five_consecutive_failures_open_the_circuit():
    clock = Clock()
    circuit = Circuit(threshold=5, cool_down=30, clock=clock)
    for _ in range(4):
        circuit.record_failure()
    assert circuit.allow()
    circuit.record_failure()
    assert circuit.state() == "open"
    assert not circuit.allow()
    assert circuit.seconds_until_trial() == 30


def test_a_success_between_failures_starts_the_count_again():
    circuit = Circuit(threshold=5, cool_down=30, clock=Clock())
    for _ in range(4):
        circuit.record_failure()
    circuit.record_success()
    for _ in range(4):
        circuit.record_failure()
    assert circuit.state() == "closed"


def test_after_the_cool_down_one_trial_goes_through_and_its_success_closes():
    clock = Clock()
    circuit = opened(clock)
    clock.now += 30
    assert circuit.state() == "half-open"
    assert circuit.allow()
    assert not circuit.allow()  # one trial at a time
    circuit.record_success()
    assert circuit.state() == "closed"
    assert circuit.allow()


def test_a_failed_trial_opens_the_circuit_for_another_cool_down():
    clock = Clock()
    circuit = opened(clock)
    clock.now += 31
    assert circuit.allow()
    circuit.record_failure()
    assert circuit.state() == "open"
    clock.now += 29
    assert not circuit.allow()


def test_each_engine_name_has_its_own_circuit():
    board = CircuitBoard(threshold=1)
    board.for_engine("deepl").record_failure()
    assert not board.for_engine("deepl").allow()
    assert board.for_engine("apertium").allow()


def test_concurrent_failures_are_all_counted():
    circuit = Circuit(threshold=1000, cool_down=30)

    def fail() -> None:
        for _ in range(100):
            circuit.record_failure()

    threads = [threading.Thread(target=fail) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert circuit.failures == 800
