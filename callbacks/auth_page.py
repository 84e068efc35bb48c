"""The /login and /logout routes: a small self-contained form in the UI language.

Plain Flask views, not a Dash page, so logging in needs no JavaScript and no
callback is reachable before it.  The language is ?lang=, else the `lang`
cookie, else the configured default; a two-line script follows the
dashboard's choice kept in localStorage (the `lang-store` dcc.Store); it runs
under a per-response CSP nonce.  /logout ends the session only on POST (the
header's logout button is a small form), and first makes every cookie of the
account invalid in the database, so a copied cookie does not outlive it.
"""

from __future__ import annotations

import json
import secrets
from urllib.parse import urlencode, urlsplit

from flask import Response, redirect, request, session
from flask_login import UserMixin, current_user, login_user, logout_user
from markupsafe import escape

from callbacks.security_headers import policy
from indicators.accounts import LoginRefused, TooManyAttempts, User, attempt_login, end_sessions
from indicators.service import TrackerService
from layouts import ids

LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"
LANG_COOKIE = "lang"

TEXT = {
    "zh": {"heading": "登录", "name": "用户名", "password": "密码", "submit": "登录",
           "refused": "用户名或密码错误，或账号已停用。",
           "throttled": "失败次数过多，请 15 分钟后再试。",
           "logged_out": "已退出登录。", "switch": "English", "switch_lang": "en",
           "logout_heading": "退出登录", "logout": "退出"},
    "en": {"heading": "Log in", "name": "User name", "password": "Password", "submit": "Log in",
           "refused": "Wrong user name or password, or the account is disabled.",
           "throttled": "Too many failed attempts; try again in 15 minutes.",
           "logged_out": "You have logged out.", "switch": "中文", "switch_lang": "zh",
           "logout_heading": "Log out", "logout": "Log out"},
}

STYLE = """
body{margin:0;background:#f4f6f9;color:#1f2d3d;font-family:"PingFang SC","Microsoft YaHei",
"Noto Sans CJK SC","Source Han Sans SC",sans-serif}
main{max-width:360px;margin:12vh auto;background:#fff;border:1px solid #d8dee6;border-radius:6px;
padding:28px 32px}
h1{font-size:1.15rem;margin:0 0 4px}h2{font-size:1.4rem;margin:0 0 20px}
label{display:block;margin:14px 0 4px;font-size:.95rem}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:8px;font-size:1rem;
border:1px solid #b8c2cc;border-radius:4px}
button{margin-top:20px;width:100%;padding:9px;font-size:1rem;border:0;border-radius:4px;
background:#1f4e79;color:#fff;cursor:pointer}
.msg{padding:8px 10px;border-radius:4px;margin-bottom:8px;font-size:.92rem}
.err{background:#fdecea;color:#8a1c14}.ok{background:#e8f4ea;color:#1d5e2b}
.lang{display:block;margin-top:16px;text-align:right;font-size:.9rem;color:#1f4e79}
"""

# Follow the language the dashboard keeps in localStorage, unless the URL names one.
FOLLOW_STORED_LANGUAGE = """
(function(){try{var p=new URLSearchParams(location.search);if(p.has("lang"))return;
var v=JSON.parse(localStorage.getItem(%s));if((v==="en"||v==="zh")&&v!==%s){p.set("lang",v);
location.replace(location.pathname+"?"+p.toString());}}catch(e){}})();
"""


class SessionUser(UserMixin):
    """The logged-in account as Flask-Login sees it; reloaded from the database every request."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.name = user.name
        self.role = user.role

    def get_id(self) -> str:
        # Holds a digest of the stored hash and session stamp: logout, disable, enable and
        # a new password end old sessions (indicators.accounts.users).
        return self.user.session_id


def choose_language(default: str) -> str:
    for candidate in (request.args.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in TEXT:
            return candidate
    return default if default in TEXT else "zh"


def safe_next(target: str | None) -> str:
    """Only a path on this site: never another host (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(char) < 32 for char in target):
        return "/"
    return target


def login_url(next_path: str = "/", lang: str | None = None, **extra: str) -> str:
    query = {"next": safe_next(next_path), **({"lang": lang} if lang else {}), **extra}
    return f"{LOGIN_PATH}?{urlencode(query)}"


def render_login(lang: str, title: str, next_path: str, *, error: str = "", notice: str = "",
                 name: str = "", nonce: str = "") -> str:
    text = TEXT[lang]
    messages = "".join(
        f'<p class="msg {kind}" role="{role}">{escape(message)}</p>'
        for message, kind, role in ((error, "err", "alert"), (notice, "ok", "status")) if message
    )
    switch = login_url(next_path, text["switch_lang"])
    script = FOLLOW_STORED_LANGUAGE % (json.dumps(ids.LANG_STORE), json.dumps(lang))
    html_lang = "zh-CN" if lang == "zh" else "en"
    return f"""<!DOCTYPE html>
<html lang="{html_lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(text["heading"])} · {escape(title)}</title><style>{STYLE}</style>
<script nonce="{escape(nonce)}">{script}</script></head>
<body><main><h1>{escape(title)}</h1><h2>{escape(text["heading"])}</h2>{messages}
<form method="post" action="{escape(login_url(next_path, lang))}">
<label for="name">{escape(text["name"])}</label>
<input type="text" id="name" name="name" value="{escape(name)}" autocomplete="username"
 required autofocus maxlength="100">
<label for="password">{escape(text["password"])}</label>
<input type="password" id="password" name="password" autocomplete="current-password"
 required maxlength="1024">
<button type="submit">{escape(text["submit"])}</button></form>
<a class="lang" href="{escape(switch)}">{escape(text["switch"])}</a></main></body></html>"""


def login_view(service: TrackerService):
    """GET shows the form; POST checks the password and starts a session."""
    lang = choose_language(service.settings.app.default_language)
    app_settings = service.settings.app
    title = app_settings.title_en if lang == "en" else app_settings.title_zh
    next_path = safe_next(request.args.get("next"))
    nonce = secrets.token_urlsafe(16)
    if request.method != "POST":  # GET, and HEAD (which Flask adds): show the form, try nothing
        notice = TEXT[lang]["logged_out"] if request.args.get("logged_out") else ""
        return _page(render_login(lang, title, next_path, notice=notice, nonce=nonce), 200, lang,
                     nonce)
    name = request.form.get("name", "")
    try:
        user = attempt_login(service.store, name, request.form.get("password", ""),
                             remote=request.remote_addr or "")
    except TooManyAttempts:
        return _page(render_login(lang, title, next_path, error=TEXT[lang]["throttled"],
                                  name=name, nonce=nonce), 429, lang, nonce)
    except LoginRefused:
        return _page(render_login(lang, title, next_path, error=TEXT[lang]["refused"],
                                  name=name, nonce=nonce), 401, lang, nonce)
    session.clear()  # a fresh session for the new identity
    login_user(SessionUser(user))
    session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME
    return redirect(next_path)


def logout_view(service: TrackerService):
    """POST ends the session, here and in the database; GET only offers the button."""
    lang = choose_language(service.settings.app.default_language)
    if request.method != "POST":
        return _page(render_logout(lang), 200, lang)
    if getattr(current_user, "is_authenticated", False):
        end_sessions(service.store, current_user.name)  # a copy of the cookie dies too
    logout_user()
    session.clear()
    return redirect(login_url("/", lang, logged_out="1"))


def render_logout(lang: str) -> str:
    text = TEXT[lang]
    return f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(text["logout_heading"])}</title><style>{STYLE}</style></head>
<body><main><h2>{escape(text["logout_heading"])}</h2>
<form method="post" action="{LOGOUT_PATH}"><button type="submit">{escape(text["logout"])}</button>
</form></main></body></html>"""


def _page(body: str, status: int, lang: str, nonce: str = "") -> Response:
    response = Response(body, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = policy([f"'nonce-{nonce}'"] if nonce else [])
    if request.args.get("lang") in TEXT:
        response.set_cookie(LANG_COOKIE, lang, samesite="Lax", max_age=365 * 24 * 3600)
    return response
