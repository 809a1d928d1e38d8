"""The batch-update throttle: at most N deliveries a second, the latest value always delivered, flush at the end."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studio.throttle import Throttle


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def make(rate: float = 20.0) -> tuple[Throttle, FakeClock, list[tuple[float, object]]]:
    clock = FakeClock()
    delivered: list[tuple[float, object]] = []
    throttle = Throttle(lambda value: delivered.append((clock.now, value)), max_per_second=rate, clock=clock)
    return throttle, clock, delivered


def max_in_any_second(times: list[float]) -> int:
    """The most deliveries inside any half-open one-second window [t, t + 1)."""
    return max(sum(1 for u in times if t <= u < t + 1.0) for t in times)


def test_first_value_is_delivered_at_once() -> None:
    throttle, _, delivered = make()
    assert throttle.submit("a") is True
    assert delivered == [(0.0, "a")]
    assert not throttle.has_pending


def test_a_burst_is_limited_to_the_rate_and_ends_on_the_latest_value() -> None:
    throttle, clock, delivered = make(rate=20)
    for step in range(1000):  # one submit every 2 ms for 2 s: 500 per second offered
        clock.now = step * 0.002
        throttle.submit(step)
    throttle.flush()
    times = [t for t, _ in delivered[:-1]]  # the final flush is exempt from the rate by design
    assert max_in_any_second(times) <= 20
    assert 39 <= len(times) <= 41  # the rate is used, not just respected
    assert delivered[-1][1] == 999
    values = [v for _, v in delivered]
    assert values == sorted(values)  # never an older value after a newer one


def test_a_waiting_value_is_delivered_by_poll_once_due() -> None:
    throttle, clock, delivered = make(rate=10)
    throttle.submit(1)
    clock.now = 0.05
    assert throttle.submit(2) is False
    assert throttle.poll() is False  # 50 ms < 100 ms
    clock.now = 0.1
    assert throttle.poll() is True
    assert delivered == [(0.0, 1), (0.1, 2)]
    assert throttle.poll() is False  # nothing left


def test_each_value_replaces_the_waiting_one() -> None:
    throttle, clock, delivered = make(rate=1)
    throttle.submit("first")
    for value in ("b", "c", "latest"):
        clock.now += 0.1
        throttle.submit(value)
    clock.now = 1.0
    throttle.poll()
    assert [v for _, v in delivered] == ["first", "latest"]


def test_flush_delivers_immediately_and_only_when_something_waits() -> None:
    throttle, clock, delivered = make(rate=2)
    assert throttle.flush() is False
    throttle.submit(1)
    clock.now = 0.01
    throttle.submit(2)
    assert throttle.flush() is True
    assert delivered == [(0.0, 1), (0.01, 2)]
    assert throttle.flush() is False


def test_none_is_a_value_like_any_other() -> None:
    throttle, clock, delivered = make(rate=1)
    throttle.submit(0)
    clock.now = 0.5
    throttle.submit(None)
    assert throttle.has_pending
    throttle.flush()
    assert delivered[-1] == (0.5, None)


def test_reset_forgets_the_waiting_value_and_the_last_delivery() -> None:
    throttle, clock, delivered = make(rate=1)
    throttle.submit(1)
    clock.now = 0.2
    throttle.submit(2)
    throttle.reset()
    assert not throttle.has_pending
    assert throttle.submit(3) is True  # a new run starts without waiting
    assert [v for _, v in delivered] == [1, 3]


@pytest.mark.parametrize("rate", [0, -5, float("nan")])
def test_rate_must_be_positive(rate: float) -> None:
    with pytest.raises(ValueError, match="max_per_second"):
        Throttle(print, max_per_second=rate)


def test_interval_is_the_inverse_rate() -> None:
    assert Throttle(print, max_per_second=20).interval == pytest.approx(0.05)


def test_the_default_clock_is_real_time() -> None:
    delivered: list[int] = []
    throttle = Throttle(delivered.append, max_per_second=1e-3)  # one per 1000 s: the second submit must wait
    throttle.submit(1)
    throttle.submit(2)
    assert delivered == [1]


@given(gaps=st.lists(st.floats(min_value=0.0, max_value=0.3), min_size=1, max_size=200),
       rate=st.floats(min_value=1.0, max_value=100.0))
def test_deliveries_are_spaced_and_the_last_value_always_arrives(gaps: list[float], rate: float) -> None:
    throttle, clock, delivered = make(rate=rate)
    for index, gap in enumerate(gaps):
        clock.now += gap
        throttle.submit(index)
    throttle.flush()
    times = [t for t, _ in delivered[:-1]]
    assert all(b - a >= 1.0 / rate - 1e-12 for a, b in itertools.pairwise(times))
    assert delivered[-1][1] == len(gaps) - 1


def test_next_due_is_when_a_submitted_value_would_go_out_at_once() -> None:
    throttle, clock, delivered = make(rate=10.0)
    assert throttle.next_due == float("-inf")  # nothing delivered yet: anything goes at once
    clock.now = 2.0
    throttle.submit("a")
    assert throttle.next_due == pytest.approx(2.1)
    clock.now = 2.05
    assert throttle.submit("b") is False and throttle.next_due == pytest.approx(2.1)
    clock.now = throttle.next_due
    assert throttle.submit("c") is True and delivered[-1] == (clock.now, "c")
