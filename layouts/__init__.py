"""What the dashboard shows: pages, figures, the gap report grid and the UI text (zh/en).

- pages/    one module per page: its static layout and the pure functions that
            fill it from TrackerService output (shell.py is the frame around all)
- figures/  plotly figure builders, pure functions of engine frames
- grid/     the gap report as an AG Grid table, with its server-side paging
- text/     the text catalogues in Chinese and English and their lookup
- ids.py    the component ids the callbacks address

Layouts import the domain (indicators) and never the callbacks.
"""
