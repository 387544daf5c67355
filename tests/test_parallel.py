"""The ordered parallel map: input order whatever the finishing order, barriers kept
in place, a dying worker costs only the item it died on, errors raised in place."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanwire.corpus.pool import Barrier, OrderedPool, Work

POISON = 13  # kills the worker process that meets it
FAULTY = 7  # raises


def square(chunk: list[int]) -> list[int]:
    return [n * n for n in chunk]


def square_or_die(chunk: list[int]) -> list[int]:
    if POISON in chunk:
        os._exit(1)
    return square(chunk)


def square_or_raise(chunk: list[int]) -> list[int]:
    if FAULTY in chunk:
        raise ValueError(f"cannot square {FAULTY}")
    return square(chunk)


def square_slowly(chunk: list[int]) -> list[int]:
    time.sleep((sum(chunk) % 5) / 2000)  # later chunks often finish first
    return square(chunk)


def processes(count: int) -> Executor:
    return ProcessPoolExecutor(max_workers=count)


def threads(count: int) -> Executor:
    return ThreadPoolExecutor(max_workers=count)


def work(remote: Callable[[list[int]], list[int]], start: Callable[[int], Executor] = processes) -> Work[int, int]:
    return Work(remote=remote, local=square, died=lambda n: -n, start=start)


class Mark(Barrier):
    def __init__(self, name: str) -> None:
        self.name = name


def chunks(numbers: list[int], size: int) -> list[list[int]]:
    return [numbers[i : i + size] for i in range(0, len(numbers), size)]


def test_a_worker_that_dies_costs_only_its_item() -> None:
    with OrderedPool(work(square_or_die), workers=2, window=4) as pool:
        got = list(pool.map(chunks(list(range(40)), 5)))
        assert got == [(n, -n if n == POISON else n * n) for n in range(40)]
        again = list(pool.map(chunks(list(range(100, 120)), 5)))
        assert again == [(n, n * n) for n in range(100, 120)], "a new pool serves later maps"


def test_an_error_is_raised_at_its_item_after_the_results_before_it() -> None:
    local_fault = Work(remote=square_or_raise, local=square_or_raise, died=lambda n: -n, start=processes)
    seen = []
    with OrderedPool(local_fault, workers=2, window=4) as pool:
        with pytest.raises(ValueError, match="cannot square 7"):
            for item in pool.map(chunks(list(range(20)), 4)):
                seen.append(item)
    assert seen == [(n, n * n) for n in range(7)]


def test_a_barrier_comes_in_its_place_and_holds_the_reading() -> None:
    read: list[str] = []

    def source() -> Iterator[list[int] | Barrier]:
        for name, numbers in (("a", [1, 2]), ("b", [3, 4]), ("c", [5])):
            read.append(name)
            yield numbers
            if name == "b":
                read.append("mark")
                yield Mark("after b")
        read.append("end")

    with OrderedPool(work(square, threads), workers=2, window=1) as pool:
        out: list[object] = []
        for item in pool.map(source()):
            if isinstance(item, Mark):
                assert read == ["a", "b", "mark"], "nothing after the barrier is read before it is handled"
                out.append(item.name)
            else:
                out.append(item)
    assert out == [(1, 1), (2, 4), (3, 9), (4, 16), "after b", (5, 25)]


def test_one_chunk_is_cleaned_without_starting_processes() -> None:
    def refuse(count: int) -> Executor:
        raise AssertionError("no pool for a single chunk")

    with OrderedPool(work(square, refuse), workers=4, window=8) as pool:
        assert list(pool.map([[1, 2, 3]])) == [(1, 1), (2, 4), (3, 9)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(st.lists(st.integers(0, 1000), min_size=1, max_size=6), st.just("barrier")), max_size=30),
    st.integers(1, 4),
    st.integers(1, 5),
)
def test_results_come_in_input_order(items: list[list[int] | str], workers: int, window: int) -> None:
    source = [Mark("barrier") if isinstance(item, str) else item for item in items]
    expected: list[tuple[int, int] | str] = []
    for item in source:
        expected += [item.name] if isinstance(item, Mark) else [(n, n * n) for n in item]
    with OrderedPool(work(square_slowly, threads), workers=workers, window=window) as pool:
        got = [item.name if isinstance(item, Mark) else item for item in pool.map(source)]
    assert got == expected
