"""ipywidgets views shown by the Voilà pages in ``notebooks/``.

Views compute nothing themselves: they parse nothing, round nothing, and
call a calculator with what was typed. Errors are caught at the boundary
(:func:`counselling.dashboards.common.guarded`) and shown in French.
"""
