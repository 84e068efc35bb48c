"""Server-side authentication and authorisation for the Dash app.

`setup_auth(app, service)` (called by create_app before the callbacks are
registered) adds Flask-Login sessions, /login and /logout, and one
before_request guard that, for every request, by the view Flask routed it to
(callbacks.dash_routes: whatever the path prefix):

1. refuses Dash's MCP endpoint to everyone (403): it runs callbacks from a
   body this guard does not read;
2. refuses a POST whose Origin (or, lacking one, Referer) names another
   scheme, host or port (403), a POST to any view but a callback or the
   login/logout forms (403), and a callback POST that is not JSON (415): the
   CSRF defence, on top of the SameSite=Lax session cookie;
3. when config.yaml says `auth.anonymous_view: false`, sends anonymous page
   requests to /login and answers anonymous requests to Dash's JSON views 401;
4. refuses a callback body of a shape no page sends (400, callbacks.callback_body)
   and (403) a callback that writes a protected output (`protect_outputs`)
   unless the user's role is high enough.  This does not depend on any
   callback's own code: a hand-made POST to the commit callback is refused
   before Dash runs it.  The data-changing callbacks check `require_role`
   themselves as well; a PermissionDenied they raise answers 403.

Callbacks ask `current_user_name()`, `current_role()` and `require_role()`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import dash
from flask import Flask, current_app, has_request_context, jsonify, redirect, request
from flask_login import LoginManager, current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from callbacks.auth_page import (
    LOGIN_PATH,
    LOGOUT_PATH,
    SessionUser,
    login_url,
    login_view,
    logout_view,
)
from callbacks.callback_body import read_body
from callbacks.dash_routes import route_kind
from indicators.accounts import (
    ANONYMOUS,
    PermissionDenied,
    check_role,
    require,
    role_at_least,
    role_rank,
    user_by_session,
)
from indicators.config import Settings
from indicators.errors import TrackerError
from indicators.service import TrackerService
from layouts.pages import history, upload

SECRET_ENV = "TRACKER_SECRET_KEY"
COOKIE_SECURE_ENV = "TRACKER_COOKIE_SECURE"
SECRET_FILE = "data/secret_key"
SESSION_LIFETIME = dt.timedelta(hours=12)
FAVICON = "_favicon.ico"  # under Dash's routes prefix; public, as the login page asks for it
DEFAULT_PORTS = {"http": 80, "https": 443}
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PROTECTED_CONFIG = "TRACKER_PROTECTED_OUTPUTS"
DEFAULT_USER = "web"  # the name outside a request or before anyone logs in
TRUSTED_ROLE = "admin"  # code running outside any web request (tests, scripts) is the operator

# Outputs written only by callbacks that change data, or parse uploaded files
# for staff: any callback writing one of them needs at least an editor.
STAFF_OUTPUTS = (
    f"{upload.DROP}.contents",     # commit (store.commit)
    f"{upload.PREVIEW}.children",  # preview of an uploaded file (parses it; staff only)
    f"{history.GRID}.rowData",     # revert (store.revert)
)
__all__ = ["PermissionDenied", "setup_auth", "protect_outputs", "current_user_name",
           "current_role", "require_role", "revert_owner_only"]


class AuthSetupError(TrackerError):
    pass


def setup_auth(app: dash.Dash, service: TrackerService) -> None:
    server: Flask = app.server
    settings = service.settings
    configure_session(server, settings)
    if settings.auth.proxy_hops:
        hops = settings.auth.proxy_hops
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    manager = LoginManager()
    manager.init_app(server)
    manager.user_loader(lambda session_id: _session_user(service, session_id))
    server.config.setdefault(PROTECTED_CONFIG, {})
    server.add_url_rule(LOGIN_PATH, "tracker_login", lambda: login_view(service),
                        methods=["GET", "POST"])
    server.add_url_rule(LOGOUT_PATH, "tracker_logout", lambda: logout_view(service),
                        methods=["GET", "POST"])
    server.before_request(lambda: guard_request(app, settings))
    server.register_error_handler(PermissionDenied, lambda error: _refuse(403, error.message))
    protect_outputs(app, STAFF_OUTPUTS, "editor")


def configure_session(server: Flask, settings: Settings) -> None:
    secure = settings.auth.secure_cookies or os.environ.get(COOKIE_SECURE_ENV) == "1"
    server.config.update(
        SECRET_KEY=secret_key(settings),
        SESSION_COOKIE_NAME="tracker_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
    )


def secret_key(settings: Settings) -> str:
    """TRACKER_SECRET_KEY, else data/secret_key, made once (mode 0600) and kept out of git."""
    from_env = os.environ.get(SECRET_ENV)
    if from_env:
        return from_env
    path = settings.resolve(SECRET_FILE)
    if not path.exists():
        _create_secret_file(path)
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < 32:
        raise AuthSetupError(f"the secret key file {path} is empty or too short",
                             hint=f"delete it to have a new one made, or set {SECRET_ENV}")
    return key


def protect_outputs(app: dash.Dash, outputs: Iterable[str | tuple[str, str]], role: str) -> None:
    """Refuse, in the server, any callback writing one of these "id.property" outputs
    to users below `role` (a higher role already given to an output stays)."""
    check_role(role)
    protected: dict[str, str] = app.server.config.setdefault(PROTECTED_CONFIG, {})
    for output in outputs:
        key = output if isinstance(output, str) else f"{output[0]}.{output[1]}"
        if role_at_least(role, protected.get(key, role)):
            protected[key] = role


def callback_outputs(callback_key: str) -> list[str]:
    """The "id.property" outputs named by a Dash callback key (as in the POST's "output")."""
    parts = callback_key[2:-2].split("...") if callback_key.startswith("..") else [callback_key]
    outputs = []
    for part in parts:
        component, _, prop = part.rpartition(".")
        outputs.append(f"{component.replace(chr(92) + '.', '.')}.{prop.split('@')[0]}")
    return outputs


def needed_role(app_config: dict, callback_key: str) -> str | None:
    """The highest role any output of this callback is protected with, or None."""
    protected = app_config.get(PROTECTED_CONFIG, {})
    roles = [protected[output] for output in callback_outputs(callback_key) if output in protected]
    return max(roles, key=role_rank) if roles else None


def unmatched_protections(app: dash.Dash) -> list[str]:
    """Protected outputs no registered callback writes (a renamed id would leave a gap)."""
    written = {output for key in app.callback_map for output in callback_outputs(key)}
    return sorted(set(app.server.config.get(PROTECTED_CONFIG, {})) - written)


def guard_request(app: dash.Dash, settings: Settings):
    kind = route_kind(app)
    if kind == "refused":
        return _refuse(403, "this endpoint is switched off")
    unsafe = request.method in UNSAFE_METHODS
    if unsafe and _cross_origin():
        return _refuse(403, "cross-origin request refused")
    if unsafe and kind not in ("callback", "form", "unrouted"):  # unrouted: 404/405 follows
        return _refuse(403, "this address takes no changes")
    if kind == "callback" and unsafe and not request.is_json:
        return _refuse(415, "callbacks take JSON only")
    if kind == "form" or request.path == app.config.routes_pathname_prefix + FAVICON:
        return None
    if not settings.auth.anonymous_view and not _logged_in():
        if kind in ("callback", "internal") or request.method not in ("GET", "HEAD"):
            return _refuse(401, "login required")
        return redirect(login_url(request.full_path.rstrip("?")))
    if kind == "callback" and unsafe:
        return _callback_refusal()
    return None


def current_user_name() -> str:
    """The logged-in user's name; "web" outside a request or when nobody is logged in."""
    if not _logged_in():
        return DEFAULT_USER
    return str(current_user.name)


def current_role() -> str:
    """viewer / editor / admin, or "anonymous"; outside a web request: the trusted operator."""
    if not has_request_context():
        return TRUSTED_ROLE
    if getattr(current_app, "login_manager", None) is None or not _logged_in():
        return ANONYMOUS
    return str(current_user.role)


def require_role(role: str, action: str = "this action") -> None:
    """Raise PermissionDenied (a TrackerError) unless the current user has at least `role`."""
    require(current_role(), role, action)


def revert_owner_only() -> bool:
    """Editors may revert only their own uploads; admins any (pass to store.revert)."""
    return not role_at_least(current_role(), "admin")


# internals


def _logged_in() -> bool:
    if not has_request_context() or getattr(current_app, "login_manager", None) is None:
        return False
    return bool(getattr(current_user, "is_authenticated", False))


def _session_user(service: TrackerService, session_id: str) -> SessionUser | None:
    user = user_by_session(service.store, session_id)
    return None if user is None else SessionUser(user)


def _cross_origin() -> bool:
    """True when the browser says the request comes from a page of another origin:
    scheme, host and port, as this app sees its own (X-Forwarded-* with proxy_hops)."""
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if source is None:
        return False  # not a browser; a browser's cross-site POST carries Origin
    return _origin(source) != _origin(request.host_url)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: matches nothing
        return ("", "", None)
    scheme = parts.scheme.lower()
    return scheme, parts.hostname or "", port or DEFAULT_PORTS.get(scheme)


def _callback_refusal():
    body, problem = read_body()
    if problem is not None:
        return _refuse(400, problem)
    needed = needed_role(current_app.config, body["output"])
    if needed is not None and not role_at_least(current_role(), needed):
        return _refuse(403, f"this action needs the role '{needed}'")
    return None


def _refuse(status: int, message: str):
    response = jsonify({"error": message})
    response.status_code = status
    return response


def _create_secret_file(path: Path) -> None:
    """Write a new key atomically: a temp file (0600) linked into place, so two
    processes starting together agree on one key and nobody reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            os.link(temp, path)
    finally:
        temp.unlink(missing_ok=True)
