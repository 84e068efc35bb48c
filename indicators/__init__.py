"""Domain package: registry models and loader, actuals store, gap engine.

Pure domain code: it never imports dash or plotly.
"""
