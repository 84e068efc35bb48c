"""What a user name and a password may be, and how a password is hashed (scrypt)."""

from __future__ import annotations

import unicodedata

from werkzeug.security import generate_password_hash

from indicators.accounts.errors import UserError, WeakPassword

PASSWORD_METHOD = "scrypt"


MIN_PASSWORD_LENGTH = 8


MAX_PASSWORD_LENGTH = 1024  # hashing megabytes of "password" would be a cheap denial of service


MAX_NAME_LENGTH = 100


# Unicode categories a name may not contain: controls and formats (bidi overrides such as
# U+202E turn "rtl\u202egnp.exe" into "rtlexe.png" on screen, zero-width joiners hide
# look-alikes), unassigned and private-use code points, and every kind of space.
FORBIDDEN_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp")


def check_name(name: str) -> str:
    if not isinstance(name, str) or not 1 <= len(name) <= MAX_NAME_LENGTH:
        raise UserError(f"invalid user name {name!r}: it needs 1 to {MAX_NAME_LENGTH} characters")
    for char in name:
        if unicodedata.category(char) in FORBIDDEN_CATEGORIES or char.isspace():
            raise UserError(
                f"invalid user name {ascii(name)}: it contains U+{ord(char):04X} "
                f"({unicodedata.name(char, 'unnamed')}), a space, control or invisible character",
                hint="use letters, digits and visible punctuation only")
    return name


def check_password(password: str) -> str:
    if not isinstance(password, str) or not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise WeakPassword(f"a password needs {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters")
    return password


def hash_password(password: str) -> str:
    return generate_password_hash(check_password(password), method=PASSWORD_METHOD)
