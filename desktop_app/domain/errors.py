"""Errors a user sees: a stable code (for translation and logs) and an Indonesian message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
D = TypeVar("D")


class DomainError(Exception):
    """A rule refused an input. `field` names the form field it belongs to, if any."""

    def __init__(self, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class InvalidNik(DomainError):
    pass


class InvalidInput(DomainError):
    pass


class Refused(DomainError):
    """A valid input that the current state refuses (a duplicate NIK, a budget shortfall...)."""


class ValidationErrors(DomainError):
    """Several field errors found at once, so a form can show them all."""

    def __init__(self, errors: list[DomainError]):
        first = errors[0]
        super().__init__(first.code, "; ".join(e.message for e in errors), first.field)
        self.errors = errors


class Problems:
    """Every problem of one form, collected so the clerk sees them all at once."""

    __slots__ = ("errors",)

    def __init__(self) -> None:
        self.errors: list[DomainError] = []

    def check(self, fn: Callable[..., T], *args: Any, default: D = None) -> T | D:  # type: ignore[assignment]
        """`fn(*args)`, or `default` with its error (or errors) noted. The arguments are passed
        on rather than closed over: a form checks some twenty fields, a bulk registration
        many thousands of forms."""
        try:
            return fn(*args)
        except ValidationErrors as e:
            self.errors.extend(e.errors)
        except DomainError as e:
            self.errors.append(e)
        return default

    def add(self, error: DomainError) -> None:
        self.errors.append(error)

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationErrors(self.errors)
