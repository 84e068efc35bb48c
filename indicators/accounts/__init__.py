"""Who may do what: login accounts, roles and login throttling.

users.py keeps accounts (a disabled flag, session stamps, the first admin),
credentials.py the rules for names and passwords and the scrypt hash, errors.py their errors,
roles.py the three roles and the "at least this role" check, login.py one
login attempt with its throttle and audit row.  Accounts live in the store's
tables and every change is written to its audit log.
"""

from indicators.accounts.errors import (
    DuplicateUser,
    LastAdmin,
    UnknownUser,
    UserError,
    WeakPassword,
)
from indicators.accounts.login import LoginRefused, TooManyAttempts, attempt_login
from indicators.accounts.roles import (
    ANONYMOUS,
    ROLES,
    Role,
    UnknownRole,
    check_role,
    require,
    role_at_least,
    role_rank,
)
from indicators.accounts.users import (
    ADMIN_PASSWORD_ENV,
    User,
    add_user,
    authenticate,
    disable_user,
    enable_user,
    end_sessions,
    ensure_first_admin,
    get_user,
    list_users,
    set_password,
    set_role,
    user_by_session,
)
from indicators.errors import PermissionDenied

__all__ = [
    "ADMIN_PASSWORD_ENV", "ANONYMOUS", "ROLES", "DuplicateUser", "LastAdmin", "LoginRefused",
    "PermissionDenied", "Role", "TooManyAttempts", "UnknownRole", "UnknownUser", "User",
    "UserError", "WeakPassword", "add_user", "attempt_login", "authenticate", "check_role",
    "disable_user", "enable_user", "end_sessions", "ensure_first_admin", "get_user", "list_users",
    "require", "role_at_least", "role_rank", "set_password", "set_role", "user_by_session",
]
