"""Documents: Jinja2 templates → HTML preview and WeasyPrint PDF (A4, French).

:mod:`.render` is the one rendering layer, :mod:`.builders` the documents
built from calculator results (a quick simulation), :mod:`.settings` the
structure that issues them, :mod:`.i18n` the message catalogues.
"""

from .render import Document, combine, render
from .settings import Structure, load_structure

__all__ = ["Document", "Structure", "combine", "load_structure", "render"]
