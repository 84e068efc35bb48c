"""Keep a page's choices in the address bar, so a reload or a shared link shows the same view.

The router already reads these query parameters (callbacks.router.QUERY_PARAMS);
this writes them back as a viewer changes a filter, with history.replaceState:
no new history entry per click, and no round trip, since dcc.Location does not
see the change and so does not render the page again.  A value equal to the
page's default (the dropdown's first option for the as-of year, the first
page of the comparison) is left out, so a link keeps following new data.
"""

from __future__ import annotations

import json

from dash import Dash, Input, State

# args: the values (one per name), then the States that give defaults (for the names
# at STATE_AT); the other defaults are the constants of FIXED.
SYNC_JS = """
function(...args) {
    const names = NAMES;
    const values = args.slice(0, names.length);
    const defaults = FIXED.slice();
    STATE_AT.forEach((at, i) => { defaults[at] = args[names.length + i]; });
    const params = new URLSearchParams(window.location.search);
    names.forEach((name, i) => {
        let fallback = defaults[i];
        if (Array.isArray(fallback)) { fallback = fallback.length ? fallback[0].value : null; }
        const value = values[i];
        if (value === null || value === undefined || value === '' || value === fallback) {
            params.delete(name);
        } else {
            params.set(name, String(value));
        }
    });
    const query = params.toString();
    const address = window.location.pathname + (query ? '?' + query : '');
    if (address !== window.location.pathname + window.location.search) {
        window.history.replaceState(window.history.state, '', address);
    }
}
"""


def sync_query(app: Dash, fields: list[tuple[str, Input, object]]) -> None:
    """fields: (query name, the Input holding its value, its default).

    The default is a constant (None: every value is written), or a State read
    when the value changes; a dropdown's `options` State means its first option.
    """
    names = [name for name, _, _ in fields]
    inputs = [value for _, value, _ in fields]
    state_at = [i for i, (_, _, default) in enumerate(fields) if isinstance(default, State)]
    fixed = [None if isinstance(default, State) else default for _, _, default in fields]
    script = (SYNC_JS.replace("NAMES", json.dumps(names)).replace("FIXED", json.dumps(fixed))
              .replace("STATE_AT", json.dumps(state_at)))
    app.clientside_callback(script, *inputs, *(fields[i][2] for i in state_at),
                            prevent_initial_call=True)
