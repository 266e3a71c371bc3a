"""How often one client address may do something on a public page (book a pickup, take a ticket on a phone,
book an appointment): counted in the cache per address over a fixed window, one rule for every public form.

A robot that trips a form's honeypot is counted too, so it is slowed down like a person trying too often.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest

from .client_address import client_address


@dataclass(frozen=True)
class ClientThrottle:
    """At most ``limit`` (a number, or a function read at each request so a setting may change it) counted
    actions per client address in ``window_seconds``; ``name`` keeps each form's count apart."""

    name: str
    limit: int | Callable[[], int]
    window_seconds: int = 60 * 60

    @property
    def most(self) -> int:
        return self.limit() if callable(self.limit) else self.limit

    def _key(self, request: HttpRequest) -> str:
        return f"throttle:{self.name}:{client_address(request)}"

    def blocked(self, request: HttpRequest) -> bool:
        return int(cache.get(self._key(request), 0)) >= self.most

    def count(self, request: HttpRequest) -> None:
        key = self._key(request)
        cache.add(key, 0, timeout=self.window_seconds)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=self.window_seconds)
