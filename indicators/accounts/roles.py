"""Roles: who may do what; a refused action raises errors.PermissionDenied.

viewer reads; editor also uploads, commits, reverts their own uploads and adds
notes; admin also manages users and reverts any upload.  Each role includes
the ones before it, so a check is "at least this role".
"""

from __future__ import annotations

from typing import Literal

from indicators.errors import PermissionDenied, TrackerError

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "editor", "admin")
ANONYMOUS = "anonymous"  # the "role" of a visitor who has not logged in; below viewer




class UnknownRole(TrackerError):
    pass


def check_role(role: str) -> Role:
    if role not in ROLES:
        raise UnknownRole(f"unknown role '{role}'", hint=f"use one of: {', '.join(ROLES)}")
    return role  # type: ignore[return-value]


def role_rank(role: str) -> int:
    """0 for anonymous (or anything unknown), then 1 viewer, 2 editor, 3 admin."""
    return ROLES.index(role) + 1 if role in ROLES else 0


def role_at_least(role: str, needed: str) -> bool:
    return role_rank(role) >= role_rank(check_role(needed))


def require(role: str, needed: str, action: str = "this action") -> None:
    """Raise PermissionDenied unless `role` is at least `needed`."""
    if not role_at_least(role, needed):
        raise PermissionDenied(
            f"{action} needs the role '{needed}' (yours: '{role}')",
            hint="ask an administrator to change your role",
        )
