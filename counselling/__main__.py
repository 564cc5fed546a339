"""``python -m counselling …``: the same command line as ``counselling …``."""

import sys

from .cli import main

sys.exit(main())
