"""Kata 23: Data Pipeline with npz Cache. Arrays on disk by key: never lost, never unpickled."""

import os
import re
import tempfile
from pathlib import Path

import numpy as np

# ASCII letters, digits, "_", "-" and ".", not starting with ".": a plain file name, which
# can hold no separator, drive or ".." and cannot collide with the temporary files.
_KEY = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*")


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
        self._directory = Path(directory)
        self._directory.mkdir(parents=True, exist_ok=True)

    def exists(self, key: str) -> bool:
        """Whether ``key`` has an entry, as a Python bool.

        Raises ValueError naming ``key`` if it is not a valid key.
        """
        return self._path(key).is_file()

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
        path = self._path(key)
        if not arrays:
            raise ValueError("arrays: save needs at least one named array")
        arrays = {name: np.asarray(value) for name, value in arrays.items()}
        for name, array in arrays.items():
            if array.dtype.hasobject:
                raise ValueError(
                    f"{name} has dtype {array.dtype}, which holds Python objects: storing "
                    "them needs pickle, and the cache never pickles"
                )
        # Write the whole entry beside its final name, then rename it into place: os.replace
        # is atomic within one file system, so the entry is the old file or the new one,
        # never half of one. The temporary name starts with "." and no key can.
        handle, temporary = tempfile.mkstemp(dir=self._directory, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                np.savez(file, **arrays)
                file.flush()
                os.fsync(file.fileno())  # on disk before the rename, in case the machine dies
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def load(self, key: str) -> dict[str, np.ndarray]:
        """The arrays saved under ``key``: a dict from each name to a new in-memory ndarray.

        Never unpickles: the file is read with ``allow_pickle=False``, so an entry holding
        pickled objects (written by something other than ``save``) raises ValueError and its
        objects are never created. The file is closed before ``load`` returns (``with
        np.load(...)``), so ``delete`` works right after it on every platform.
        Raises KeyError naming ``key`` if ``key`` has no entry, and ValueError naming ``key``
        if it is not a valid key.
        """
        path = self._path(key)
        try:
            with np.load(path, allow_pickle=False) as entry:
                return {name: entry[name] for name in entry.files}
        except FileNotFoundError:
            raise KeyError(f"key {key!r} has no entry in the cache") from None

    def delete(self, key: str) -> None:
        """Remove the entry for ``key``; a key that has no entry is left as it is (no error).

        Touches no other file. Raises ValueError naming ``key`` if it is not a valid key.
        """
        self._path(key).unlink(missing_ok=True)

    def _path(self, key: str) -> Path:
        """The entry's file for a valid ``key``; ValueError naming ``key`` for any other."""
        # An allow-list, not a block-list of "..", "/" and friends: whatever it does not name
        # cannot escape the directory on any platform.
        if not isinstance(key, str) or _KEY.fullmatch(key) is None:
            raise ValueError(
                f"key must be a non-empty str of ASCII letters, digits, '_', '-' and '.' that "
                f"does not start with '.', got {key!r}"
            )
        return self._directory / f"{key}.npz"
