"""Who is acting: the one place the upload and history callbacks ask.

Login and roles live in callbacks/auth.py (Flask-Login sessions, the request
guard); this module only names what the staff callbacks need from it, so
they never read Flask-Login directly.  Without a logged-in user the name is
"web"; outside a web request (tests, scripts) the actor is the trusted
operator, who may revert any upload.
"""

from __future__ import annotations

from callbacks.auth import DEFAULT_USER, current_user_name, revert_owner_only

__all__ = ["DEFAULT_USER", "current_user_name", "revert_owner_only"]
