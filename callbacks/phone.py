"""Reading on a phone: the folding menu, and the overview chart's layout for the screen's width.

Both run in the browser (clientside callbacks): opening a menu or picking a
layout needs no data from the server, so they cost no round trip.
"""

from __future__ import annotations

import json

from dash import Dash, Input, Output, State

from layouts import ids
from layouts.grid import column_chooser as chooser
from layouts.grid.report_table import GRID
from layouts.pages import overview
from layouts.pages.shell import MENU, MENU_BUTTON

PHONE_PX = 768  # Bootstrap's md breakpoint, as in style.css
PHONE_WIDTHS = {"status": 74, "progress_ratio": 80, "latest_target": 92}

# A click on the button opens or closes the menu; a new page (the URL changes) closes it.
TOGGLE_MENU_JS = """
function(clicks, pathname, lang, current) {
    const ctx = window.dash_clientside.callback_context;
    const clicked = ctx.triggered.some(t => t.prop_id === arguments_button);
    const open = clicked && !(current || '').includes('open');
    const title = lang === 'en' ? 'Menu' : '菜单';
    return [open ? 'app-menu open' : 'app-menu', open ? 'menu-button open' : 'menu-button', title,
            title, open ? 'true' : 'false'];
}
""".replace("arguments_button", repr(f"{MENU_BUTTON}.n_clicks"))

# The server sends the chart's phone layout beside the figure (layouts.figures.progress);
# it replaces the wide one wherever the chart's panel is narrower than narrow_below.
PICK_CHART_JS = """
function(narrow, figure) {
    const box = document.getElementById(BOX_ID);
    const width = box ? box.clientWidth : window.innerWidth;
    if (!narrow || !figure || width >= narrow.narrow_below) {
        return window.dash_clientside.no_update;
    }
    const data = figure.data.map(trace => trace.name === 'track'
        ? Object.assign({}, trace, {width: narrow.track_width}) : trace);
    return {data: data, layout: narrow.layout};
}
""".replace("BOX_ID", repr(overview.CHART_BOX))


# The chooser's columns on a wide screen; on a phone only PHONE_COLUMNS, the name unpinned.
SHOW_COLUMNS_JS = """
function(chosen, defs) {
    if (!defs) { return window.dash_clientside.no_update; }
    const phone = window.innerWidth < PHONE_PX;
    const shown = new Set(phone ? PHONE_COLUMNS : [...ALWAYS, ...(chosen || [])]);
    // On a phone the name takes what the three narrow columns leave of the grid's width.
    const grid = document.getElementById(GRID_ID);
    // (Before its first paint the grid has no width: the page's paddings are taken off instead.)
    const room = (grid && grid.clientWidth ? grid.clientWidth : window.innerWidth - 38) - 4;
    const widths = Object.assign({}, PHONE_WIDTHS);
    widths.name = Math.max(96, room - Object.values(PHONE_WIDTHS).reduce((a, b) => a + b, 0));
    let changed = false;
    const next = defs.map(column => {
        const hide = !shown.has(column.field) || (!phone && PHONE_ONLY.includes(column.field));
        const pinned = column.field === 'name' && !phone ? 'left' : null;
        if (!!column.hide !== hide || (column.pinned || null) !== pinned) { changed = true; }
        const sized = phone && widths[column.field] ? {width: widths[column.field]} : {};
        // A phone has no hover: the header menus (filters) would only crowd the headers.
        return Object.assign({}, column, sized, {hide: hide, pinned: pinned,
                                                 suppressHeaderMenuButton: phone,
                                                 suppressHeaderFilterButton: phone});
    });
    return changed ? next : window.dash_clientside.no_update;
}
""".replace("PHONE_COLUMNS", json.dumps(list(chooser.PHONE_COLUMNS))).replace(
    "PHONE_ONLY", json.dumps(list(chooser.PHONE_ONLY))).replace(
    "ALWAYS", json.dumps(list(chooser.ALWAYS))).replace("PHONE_PX", str(PHONE_PX)).replace(
    "PHONE_WIDTHS", json.dumps(PHONE_WIDTHS)).replace("GRID_ID", repr(GRID))


def register(app: Dash, _service: object) -> None:
    app.clientside_callback(
        TOGGLE_MENU_JS,
        Output(MENU, "className"),
        Output(MENU_BUTTON, "className"),
        Output(MENU_BUTTON, "title"),
        Output(MENU_BUTTON, "aria-label"),
        Output(MENU_BUTTON, "aria-expanded"),
        Input(MENU_BUTTON, "n_clicks"),
        Input(ids.URL, "pathname"),
        Input(ids.LANG_STORE, "data"),
        State(MENU, "className"),
    )
    app.clientside_callback(PICK_CHART_JS, Output(overview.CHART, "figure"),
                            Input(overview.CHART_NARROW, "data"), State(overview.CHART, "figure"))
    app.clientside_callback(SHOW_COLUMNS_JS, Output(GRID, "columnDefs"),
                            Input(chooser.CHOOSER, "value"), State(GRID, "columnDefs"))
