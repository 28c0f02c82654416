"""Every kata run goes through the numpy-katas plugin: numpy_katas/plugin.py.

It chooses which implementation the tests import (your stub in katas/, or the answer key with
--solutions), provides the vectorisation gates, and prints the scoreboard.
"""

pytest_plugins = ["numpy_katas.plugin"]
