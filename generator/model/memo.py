"""Results of pure functions kept from one build to the next in the same process (`serve`).

A `Memo` maps a key that holds *every* input of a pure function to its result. Each build
starts a new generation (`next_build`): what it asks for again is taken from the previous
generation, what it does not ask for is dropped, so the memory held is one build's worth and a
result can never be stale — a changed input is a different key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")

_ALL: list[Memo] = []


class Memo(Generic[T]):
    def __init__(self) -> None:
        self._previous: dict[Hashable, T] = {}
        self._current: dict[Hashable, T] = {}
        _ALL.append(self)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key in self._current:
            return self._current[key]
        value = self._previous.pop(key) if key in self._previous else compute()
        self._current[key] = value
        return value

    def take(self, key: Hashable) -> T | None:
        """The value kept for `key` (kept for the next build too), or None."""
        if key in self._current:
            return self._current[key]
        if key in self._previous:
            self._current[key] = self._previous.pop(key)
            return self._current[key]
        return None

    def put(self, key: Hashable, value: T) -> None:
        self._current[key] = value

    def next_build(self, keep: bool = False) -> None:
        if keep:  # the last build failed: what the one before it used may be asked for again
            self._previous.update(self._current)
        else:
            self._previous = self._current
        self._current = {}


_failed = False


def next_build() -> None:
    """Start a build: every memo keeps only what the last build used (and, after a failed
    build, what the last good build used too: the save that fixes the error needs it)."""
    global _failed
    for memo in _ALL:
        memo.next_build(keep=_failed)
    _failed = False


def failed() -> None:
    """The build that just ran failed (the live preview says so before the next one)."""
    global _failed
    _failed = True
