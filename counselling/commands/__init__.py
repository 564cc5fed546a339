"""Command groups of ``counselling`` (see :mod:`counselling.cli`): one module
each, with ``register(subparsers)``."""
