"""Matplotlib figures with French labels, for dashboards and workshops. Each
function takes plain data or a calculator result and returns a
:class:`matplotlib.figure.Figure`; nothing is shown or saved here."""
