"""Providers behind a registry (docs/architecture.md): classes registered under a code, an instance made per use
so it reads the settings of the moment. One piece for postal carriers, payment gateways and the like."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """Classes of ``T`` by code. ``unknown(code)`` builds the error raised for a code nobody registered."""

    def __init__(self, *, unknown: Callable[[str], Exception]) -> None:
        self._classes: dict[str, type[T]] = {}
        self._unknown = unknown

    def register(self, code: str) -> Callable[[Any], Any]:
        """Class decorator: register the class under ``code`` and set its ``code``."""

        def decorate(cls: Any) -> Any:
            cls.code = code
            self._classes[code] = cls
            return cls

        return decorate

    def get(self, code: str) -> T:
        try:
            cls = self._classes[code]
        except KeyError:
            raise self._unknown(code) from None
        return cls()

    def __contains__(self, code: object) -> bool:
        return code in self._classes

    def codes(self) -> list[str]:
        return sorted(self._classes)
