"""Kata 23: Data Pipeline with npz Cache. Arrays on disk by key: never lost, never unpickled."""

import os

import numpy as np


class DataCache:
    """Groups of named arrays stored on disk by key, one ``.npz`` file per key.

    The entry for ``key`` is the file ``<key>.npz`` in the cache directory, and the directory is
    the whole state: nothing is kept in memory, so a second ``DataCache`` on the same directory
    sees the same entries.

    A key is a non-empty ``str`` of ASCII letters, digits, ``_``, ``-`` and ``.`` that does not
    start with ``.``: ``"features"``, ``"run-01_v2.3"``. Every method refuses any other key
    (``"../x"``, ``"a/b"``, ``"a\\b"``, an absolute path, ``"C:x"``, ``""``, ``".."``, a
    non-str) with a ValueError naming ``key`` before it touches a file, so no key reaches a
    file outside the directory. Names starting with ``.`` are left for temporary files.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        """A cache kept in ``directory``, which is created (with its parents) if missing."""
        raise NotImplementedError("DataCache.__init__")

    def exists(self, key: str) -> bool:
        """Whether ``key`` has an entry, as a Python bool.

        Raises ValueError naming ``key`` if it is not a valid key.
        """
        raise NotImplementedError("DataCache.exists")

    def save(self, key: str, /, **arrays: np.ndarray) -> None:
        """Store ``arrays`` (one or more, by name) as the entry for ``key``, replacing any old one.

        Each value is turned into an array with ``np.asarray`` (a Python scalar or list will
        do) and comes back from ``load`` with the same dtype, shape and values. A dtype that
        holds Python objects (``dtype.hasobject``: object arrays, structured dtypes with an
        object field) could only be stored by pickling: it is refused with a ValueError naming
        that array's name. Raises ValueError naming ``key`` for an invalid key and naming
        ``arrays`` if no array is given. A refused save touches no file.

        The save is atomic: the entry is written to a temporary file in the cache directory
        and moved over ``<key>.npz`` with ``os.replace`` only once it is complete. If writing
        fails part-way (an error while serialising, a full disk), ``save`` raises that error,
        the previous entry for ``key`` (if any) is untouched and still loads, and no partial
        or temporary file is left in the directory. The arrays are not modified.
        """
        raise NotImplementedError("DataCache.save")

    def load(self, key: str) -> dict[str, np.ndarray]:
        """The arrays saved under ``key``: a dict from each name to a new in-memory ndarray.

        Never unpickles: the file is read with ``allow_pickle=False``, so an entry holding
        pickled objects (written by something other than ``save``) raises ValueError and its
        objects are never created. The file is closed before ``load`` returns (``with
        np.load(...)``), so ``delete`` works right after it on every platform.
        Raises KeyError naming ``key`` if ``key`` has no entry, and ValueError naming ``key``
        if it is not a valid key.
        """
        raise NotImplementedError("DataCache.load")

    def delete(self, key: str) -> None:
        """Remove the entry for ``key``; a key that has no entry is left as it is (no error).

        Touches no other file. Raises ValueError naming ``key`` if it is not a valid key.
        """
        raise NotImplementedError("DataCache.delete")
