"""``python -m numpy_katas``: the ``katas`` command (numpy_katas/cli.py)."""

import sys

from numpy_katas.cli import main

sys.exit(main())
