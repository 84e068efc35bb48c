"""Component ids shared across pages, as constants so a typo fails at import."""

URL = "url"                    # dcc.Location
LANG_STORE = "lang-store"      # dcc.Store(storage_type="local"), data "zh" | "en"
LANG_TOGGLE = "lang-toggle"
PAGE_CONTENT = "page-content"  # the router fills this Div
NAVBAR = "navbar"
