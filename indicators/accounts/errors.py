"""Errors about accounts; each says what to do, and nothing was changed."""

from __future__ import annotations

from indicators.errors import TrackerError


class UserError(TrackerError):
    """An account change was refused; nothing was changed."""


class UnknownUser(UserError):
    pass


class DuplicateUser(UserError):
    pass


class WeakPassword(UserError):
    pass


class LastAdmin(UserError):
    """The change would leave no enabled administrator."""
