"""One module per page: its static layout and the pure functions that fill it.

overview, detail (+ detail_parts), compare, upload, history, audit and
method, and shell (header, navigation, banner and footer around every page).
Each takes TrackerService output and the UI language; callbacks wire them up.
"""
