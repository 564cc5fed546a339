"""La trousse du conseiller : calculateurs budget, échéanciers et énergie.

Layers (imports go one way only)::

    notebooks/ -> counselling.dashboards -> counselling.calculators
               -> counselling.tariffs -> tariffs/ (YAML data)

Importing this package is kept light (no pandas, no widgets) so that a
calculator can be used from a plain script.
"""

__version__ = "0.1.0"
