"""Matplotlib figures with French labels. Each function returns a
:class:`matplotlib.figure.Figure` and writes nothing: the dashboard shows it,
a document module saves it."""
