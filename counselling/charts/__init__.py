"""Matplotlib figures with French labels. Each function returns a
:class:`matplotlib.figure.Figure` and writes nothing: the dashboard shows it,
a document module saves it."""
"""Matplotlib figures for workshops and dashboards (French labels). Each
function takes a calculator result and returns a Figure; nothing is shown or saved."""
