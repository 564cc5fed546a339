"""Matplotlib figures with French labels, for dashboards and workshops. Each
function takes plain data or a calculator result and returns a
:class:`matplotlib.figure.Figure`; nothing is shown or saved here."""

from contextlib import contextmanager

import matplotlib

# Type for a projected screen read from the back of a room [pt] (at 96 dpi, 20 pt ≈ 27 px).
WORKSHOP_RC = {"font.size": 20, "axes.titlesize": 24, "axes.labelsize": 20, "xtick.labelsize": 18,
               "ytick.labelsize": 18, "legend.fontsize": 18}


@contextmanager
def workshop_style(on: bool = True):
    """Build (and save) figures inside this block for a workshop: large type.
    Sizes written relative (« small ») in the charts follow it."""
    if not on:
        yield
        return
    with matplotlib.rc_context(WORKSHOP_RC):
        yield
