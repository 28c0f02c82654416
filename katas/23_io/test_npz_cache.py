"""Tests for kata 23: run ``pytest katas/23_io``."""

import contextlib
import os
import string
import tempfile
from pathlib import Path

import npz_cache
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from numpy_katas.checks import (
    assert_array,
    assert_bool,
    assert_inputs_unchanged,
    assert_raises_naming,
)

KEY_CHARACTERS = set(string.ascii_letters + string.digits + "_-.")
ATOMIC = (
    "write the entry to a temporary file in the cache directory, then os.replace it over "
    "<key>.npz only once it is complete"
)


def _seed_features():
    rng = np.random.default_rng(42)
    return rng.standard_normal((1000, 20)), rng.integers(0, 5, 1000)


def _files(root):
    """Every file under ``root``: its path relative to ``root`` and its bytes."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


def _names(directory):
    return sorted(path.name for path in Path(directory).iterdir())


def _assert_same_arrays(got, expected, *, call):
    """``got`` is a dict with exactly ``expected``'s names, dtypes, shapes and values."""
    __tracebackhide__ = True
    assert isinstance(got, dict), (
        f"{call} returned {type(got).__name__}; expected a dict of arrays (an open NpzFile "
        "keeps the file open: read every array into a dict inside `with np.load(...)`)"
    )
    assert sorted(got) == sorted(expected), (
        f"{call} returned the names {sorted(got)}; expected {sorted(expected)}"
    )
    for name, array in expected.items():
        array = np.asarray(array)
        assert isinstance(got[name], np.ndarray), (
            f"{call}[{name!r}] is a {type(got[name]).__name__}; expected an ndarray"
        )
        assert got[name].dtype == array.dtype, (
            f"{call}[{name!r}] has dtype {got[name].dtype}; the saved array had {array.dtype}: "
            "an entry must come back exactly as it was saved"
        )
        if array.dtype.kind in "mM":  # compare dates as their int64 ticks: NaT != NaT
            assert_array(
                got[name].view(np.int64),
                array.view(np.int64),
                call=f"{call}[{name!r}] as int64 ticks",
                exact=True,
            )
        else:
            assert_array(got[name], array, call=f"{call}[{name!r}]", exact=True)


def _load(cache, key, *, after):
    """``cache.load(key)``, with any error but NotImplementedError turned into a message."""
    __tracebackhide__ = True
    try:
        return cache.load(key)
    except NotImplementedError:
        raise
    except Exception as error:  # the learner's error, reported in our words
        pytest.fail(
            f"load({key!r}) after {after} raised {type(error).__name__}: {error}. The entry "
            f"should hold the saved arrays: does save write a complete .npz file to {key}.npz?",
            pytrace=False,
        )


def _assert_entry_intact(directory, key, expected, *, what):
    """A fresh cache on ``directory`` loads ``expected`` under ``key``, whatever happened."""
    __tracebackhide__ = True
    try:
        got = npz_cache.DataCache(directory).load(key)
    except NotImplementedError:
        raise
    except Exception as error:  # the learner's error, reported in our words
        pytest.fail(
            f"after {what}, the previous entry {key!r} no longer loads: "
            f"{type(error).__name__}: {error}. A failed save must leave the old entry "
            f"untouched: {ATOMIC}.",
            pytrace=False,
        )
    _assert_same_arrays(got, expected, call=f"load({key!r}) after {what}")


# --- the seed's session: save, exists, load, delete ---------------------------------------------


def test_the_seed_features_round_trip(tmp_path):
    X, y = _seed_features()
    cache = npz_cache.DataCache(tmp_path)
    cache.save("features", X=X, y=y)
    _assert_same_arrays(
        _load(cache, "features", after="save"), {"X": X, "y": y}, call="load('features')"
    )


def test_exists_is_a_python_bool_before_save_after_save_and_after_delete(tmp_path):
    X, y = _seed_features()
    cache = npz_cache.DataCache(tmp_path)
    assert_bool(
        cache.exists("features"), False, call="exists('features') before save", python_bool=True
    )
    cache.save("features", X=X, y=y)
    assert_bool(
        cache.exists("features"), True, call="exists('features') after save", python_bool=True
    )
    cache.delete("features")
    assert_bool(
        cache.exists("features"), False, call="exists('features') after delete", python_bool=True
    )


def test_the_directory_is_created_with_its_parents(tmp_path):
    directory = tmp_path / "data" / "cache"
    npz_cache.DataCache(directory)
    assert directory.is_dir(), f"DataCache({str(directory)!r}) did not create the directory"


def test_an_entry_is_the_npz_file_named_after_its_key(tmp_path):
    X, y = _seed_features()
    npz_cache.DataCache(tmp_path).save("features", X=X, y=y)
    assert _names(tmp_path) == ["features.npz"], (
        f"after save('features', X=..., y=...) the directory holds {_names(tmp_path)}; "
        "expected just ['features.npz']: one .npz file per key, and no temporary file left"
    )
    with np.load(tmp_path / "features.npz") as entry:
        _assert_same_arrays(dict(entry), {"X": X, "y": y}, call="np.load('features.npz')")


def test_a_second_cache_on_the_same_directory_sees_the_entries(tmp_path):
    X, y = _seed_features()
    npz_cache.DataCache(tmp_path).save("features", X=X, y=y)
    other = npz_cache.DataCache(tmp_path)
    assert_bool(other.exists("features"), True, call="a second cache's exists('features')")
    _assert_same_arrays(
        _load(other, "features", after="save"), {"X": X, "y": y}, call="a second cache's load"
    )


# --- save and load keep every array exactly -----------------------------------------------------

ROUND_TRIPS = {
    "uint8": np.array([0, 7, 255], dtype=np.uint8),
    "int16": np.array([[-32768, 0], [1, 32767]], dtype=np.int16),
    "float32": np.array([0.1, -2.5, np.inf, np.nan], dtype=np.float32),
    "complex": np.array([1 + 2j, -0.5j]),
    "bool": np.array([True, False, True]),
    "datetime64": np.array(["2024-01-02", "NaT"], dtype="datetime64[D]"),
    "unicode": np.array(["alpha", "é", ""]),
    "structured": np.array([(1, 2.5), (3, -1.0)], dtype=[("id", "i4"), ("w", "f8")]),
    "zero_d": np.array(3.5),
    "empty": np.empty((0, 3), dtype=np.int16),
    "fortran": np.asfortranarray(np.arange(12, dtype=np.int64).reshape(3, 4)),
    "strided": np.arange(20.0)[::3],
}


@pytest.mark.parametrize("name", ROUND_TRIPS)
def test_an_array_comes_back_with_its_dtype_shape_and_values(tmp_path, name):
    array = ROUND_TRIPS[name]
    cache = npz_cache.DataCache(tmp_path)
    cache.save("entry", **{name: array})
    _assert_same_arrays(
        _load(cache, "entry", after=f"save({name}=...)"),
        {name: array},
        call=f"load after save({name}=...)",
    )


def test_python_scalars_and_lists_come_back_as_arrays(tmp_path):
    # The seed's checkpoint stores its epoch as a plain int.
    cache = npz_cache.DataCache(tmp_path)
    cache.save("checkpoint", epoch=50, loss=[2.0, 1.5, 0.25])
    expected = {"epoch": np.asarray(50), "loss": np.asarray([2.0, 1.5, 0.25])}
    _assert_same_arrays(
        _load(cache, "checkpoint", after="save"), expected, call="load('checkpoint')"
    )


def test_an_array_named_key_can_be_saved(tmp_path):
    # key is positional-only in save, so it does not take the name from the arrays.
    cache = npz_cache.DataCache(tmp_path)
    cache.save("lookup", key=np.arange(3))
    _assert_same_arrays(
        _load(cache, "lookup", after="save"), {"key": np.arange(3)}, call="load('lookup')"
    )


@given(
    arrays=st.dictionaries(
        st.sampled_from(["X", "y", "weights", "b1"]),
        hnp.arrays(
            hnp.scalar_dtypes(),
            hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_any_arrays_round_trip(tmp_path_factory, arrays):
    cache = npz_cache.DataCache(tmp_path_factory.getbasetemp() / "round_trips")
    cache.save("entry", **arrays)
    _assert_same_arrays(
        _load(cache, "entry", after="save"), arrays, call=f"load after save(**{arrays!r})"
    )


def test_load_returns_new_arrays_that_the_caller_may_change(tmp_path):
    X, y = _seed_features()
    cache = npz_cache.DataCache(tmp_path)
    cache.save("features", X=X, y=y)
    first = _load(cache, "features", after="save")
    assert not np.shares_memory(first["X"], X), (
        "load('features')['X'] shares memory with the array that was saved; load must read "
        "the entry from disk (the cache keeps nothing in memory)"
    )
    first["X"][:] = 0.0
    _assert_same_arrays(
        _load(cache, "features", after="save"),
        {"X": X, "y": y},
        call="load after changing a loaded array",
    )


def test_save_does_not_modify_its_arrays(tmp_path):
    X, y = _seed_features()
    cache = npz_cache.DataCache(tmp_path)
    assert_inputs_unchanged(
        lambda X, y: cache.save("features", X=X, y=y), X, y, call="save('features', X=X, y=y)"
    )


def test_saving_over_a_key_replaces_the_whole_entry(tmp_path):
    X, y = _seed_features()
    cache = npz_cache.DataCache(tmp_path)
    cache.save("features", X=X, y=y)
    cache.save("features", X=X[:10] * 2)
    _assert_same_arrays(
        _load(cache, "features", after="save"),
        {"X": X[:10] * 2},
        call="load after saving 'features' twice",
    )
    assert _names(tmp_path) == ["features.npz"], (
        f"after saving 'features' twice the directory holds {_names(tmp_path)}; expected "
        "['features.npz']: the new entry replaces the old file"
    )


# --- never pickle -------------------------------------------------------------------------------

OBJECT_ARRAYS = {
    "object_array": np.array([{"a": 1}, None], dtype=object),
    "mixed_list": ["label", 1, None],
    "object_field": np.array([(1, "x")], dtype=[("id", "i4"), ("tag", "O")]),
}


@pytest.mark.parametrize("name", OBJECT_ARRAYS)
def test_save_refuses_python_objects_and_touches_no_file(tmp_path, name):
    X, y = _seed_features()
    cache = npz_cache.DataCache(tmp_path)
    cache.save("features", X=X, y=y)
    before = _files(tmp_path)
    bad = OBJECT_ARRAYS[name]
    assert_raises_naming(
        ValueError,
        name,
        lambda: cache.save("features", X=X, **{name: bad}),
        call=f"save('features', X=X, {name}={bad!r}) (a dtype that holds objects needs pickle)",
    )
    assert _files(tmp_path) == before, (
        f"a refused save('features', {name}=...) changed the directory: {_names(tmp_path)}. "
        "Check every array's dtype (dtype.hasobject) before writing anything."
    )


class _Trap:
    """Unpickling this creates the file ``marker``: proof that code ran during np.load."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_load_never_unpickles_an_entry(tmp_path):
    marker = tmp_path / "code_ran"
    cache_dir = tmp_path / "cache"
    cache = npz_cache.DataCache(cache_dir)
    # An entry written by someone else, with a pickled object that runs code when loaded.
    np.savez(cache_dir / "planted.npz", X=np.arange(3), trap=np.array([_Trap(marker)]))
    try:
        with pytest.raises(ValueError):
            cache.load("planted")
    finally:
        ran = marker.exists()
    assert not ran, (
        "load('planted') unpickled the entry and ran the code inside it; np.load must be "
        "called with allow_pickle=False (its default): never pass allow_pickle=True"
    )


# --- missing keys and delete --------------------------------------------------------------------


def _assert_key_error(cache, key, *, when):
    __tracebackhide__ = True
    try:
        result = cache.load(key)
    except KeyError as error:
        message = str(error)
    except NotImplementedError:
        raise
    except Exception as error:  # the learner's error, reported in our words
        pytest.fail(
            f"load({key!r}) {when} raised {type(error).__name__}: {error}; expected "
            "KeyError naming the key: a cache is looked up like a dict, whatever its files",
            pytrace=False,
        )
    else:
        pytest.fail(f"load({key!r}) {when} returned {result!r}; expected KeyError")
    assert key in message, (
        f"load({key!r}) raised KeyError({message}); the message should name the key {key!r}"
    )


def test_load_of_a_missing_key_raises_key_error_naming_it(tmp_path):
    cache = npz_cache.DataCache(tmp_path)
    _assert_key_error(cache, "features", when="with nothing saved")


def test_delete_removes_only_its_own_entry(tmp_path):
    X, y = _seed_features()
    cache = npz_cache.DataCache(tmp_path)
    cache.save("features", X=X)
    cache.save("labels", y=y)
    cache.delete("features")
    assert _names(tmp_path) == ["labels.npz"], (
        f"after delete('features') the directory holds {_names(tmp_path)}; expected ['labels.npz']"
    )
    _assert_key_error(cache, "features", when="after delete('features')")
    _assert_same_arrays(
        _load(cache, "labels", after="save"),
        {"y": y},
        call="load('labels') after delete('features')",
    )


def test_delete_of_a_missing_key_does_nothing(tmp_path):
    cache = npz_cache.DataCache(tmp_path)
    cache.save("labels", y=np.arange(3))
    try:
        cache.delete("features")
    except NotImplementedError:
        raise
    except Exception as error:  # the learner's error, reported in our words
        pytest.fail(
            f"delete('features') of a key with no entry raised {type(error).__name__}: "
            f"{error}; it should do nothing (Path.unlink(missing_ok=True))",
            pytrace=False,
        )
    assert _names(tmp_path) == ["labels.npz"], f"delete('features') changed {_names(tmp_path)}"


def _open_files():
    descriptors = Path("/proc/self/fd")
    files = set()
    for fd in descriptors.iterdir():
        with contextlib.suppress(OSError):  # a descriptor closed while we looked
            files.add(os.readlink(fd))
    return files


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to list open files")
def test_load_closes_the_file_before_it_returns(tmp_path):
    X, y = _seed_features()
    cache = npz_cache.DataCache(tmp_path)
    cache.save("features", X=X, y=y)
    loaded = _load(cache, "features", after="save")
    entry = str((tmp_path / "features.npz").resolve())
    assert entry not in _open_files(), (
        "load('features') returned with features.npz still open; an open file cannot be "
        "deleted on Windows. Read every array inside `with np.load(path) as entry:`"
    )
    cache.delete("features")
    assert_bool(cache.exists("features"), False, call="exists after load then delete")
    _assert_same_arrays(loaded, {"X": X, "y": y}, call="a loaded entry after its delete")


# --- keys that would escape the directory -------------------------------------------------------

ESCAPING_KEYS = [
    "../victim",
    "sub/../../victim",
    "..",
    ".",
    "",
    "a/b",
    "a\\b",
    "C:victim",
    ".hidden",
    "name\0",
    "two words",
    Path("victim"),
]
ESCAPING_IDS = [
    "parent",
    "nested_parent",
    "dotdot",
    "dot",
    "empty",
    "slash",
    "backslash",
    "drive",
    "leading_dot",
    "nul",
    "space",
    "path_object",
]
METHODS = {
    "exists": lambda cache, key: cache.exists(key),
    "save": lambda cache, key: cache.save(key, X=np.zeros(3)),
    "load": lambda cache, key: cache.load(key),
    "delete": lambda cache, key: cache.delete(key),
}


def _cache_beside_a_victim(root):
    """A cache in root/cache, and an entry-like file beside it that no key may reach."""
    np.savez(root / "victim.npz", secret=np.arange(5))
    return npz_cache.DataCache(root / "cache")


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("key", ESCAPING_KEYS, ids=ESCAPING_IDS)
def test_an_invalid_key_is_refused_before_any_file_is_touched(tmp_path, method, key):
    cache, root = _cache_beside_a_victim(tmp_path), tmp_path
    before = _files(root)
    assert_raises_naming(
        ValueError,
        "key",
        METHODS[method],
        cache,
        key,
        call=f"{method}({key!r}) (a key is ASCII letters, digits, '_', '-', '.', no leading '.')",
    )
    assert _files(root) == before, (
        f"{method}({key!r}) changed files: {sorted(_files(root))}, expected "
        f"{sorted(before)}; check the key before building any path from it"
    )


def test_an_absolute_key_is_refused(tmp_path):
    cache, root = _cache_beside_a_victim(tmp_path), tmp_path
    key = str(root / "victim")
    before = _files(root)
    for method, call in METHODS.items():
        assert_raises_naming(ValueError, "key", call, cache, key, call=f"{method}({key!r})")
    assert _files(root) == before, f"a method given the absolute key {key!r} changed files"


@pytest.mark.parametrize("key", ["features", "X", "run-01_a", "v1.2.npz", "-", "_tmp", "2024"])
def test_a_valid_key_names_its_file(tmp_path, key):
    cache = npz_cache.DataCache(tmp_path)
    cache.save(key, X=np.arange(3))
    assert _names(tmp_path) == [f"{key}.npz"], (
        f"save({key!r}) left {_names(tmp_path)}; expected [{key + '.npz'!r}]: {key!r} is a "
        "valid key"
    )
    _assert_same_arrays(
        _load(cache, key, after="save"), {"X": np.arange(3)}, call=f"load({key!r})"
    )
    cache.delete(key)
    assert _names(tmp_path) == [], f"delete({key!r}) left {_names(tmp_path)}"


@given(key=st.text(alphabet="ab1_-./\\: é", max_size=6))
def test_a_key_is_valid_exactly_when_it_is_a_plain_file_name(tmp_path_factory, key):
    directory = tmp_path_factory.getbasetemp() / "keys"
    cache = npz_cache.DataCache(directory)
    for path in directory.iterdir():
        path.unlink()
    valid = key != "" and key[0] != "." and all(c in KEY_CHARACTERS for c in key)
    if valid:
        cache.save(key, X=np.arange(2))
        assert_bool(cache.exists(key), True, call=f"exists({key!r}) after save({key!r})")
    else:
        assert_raises_naming(
            ValueError,
            "key",
            lambda: cache.save(key, X=np.arange(2)),
            call=f"save({key!r}) (a key is ASCII letters, digits, '_', '-', '.', no leading '.')",
        )
        assert _names(directory) == [], f"a refused save({key!r}) left {_names(directory)}"


# --- a save that fails part-way -----------------------------------------------------------------


def _fail_on_second_array(monkeypatch):
    """Make NumPy's serialisation write part of the second array, then raise."""
    write_array = np.lib.format.write_array
    calls = []

    def write_then_crash(fp, array, *args, **kwargs):
        calls.append(array.shape)
        if len(calls) == 2:
            fp.write(b"\x93NUMPY\x01\x00v\x00{'descr'")  # a header begun, never finished
            raise RuntimeError("simulated crash while serialising the second array")
        return write_array(fp, array, *args, **kwargs)

    monkeypatch.setattr(np.lib.format, "write_array", write_then_crash)


def test_a_save_that_crashes_while_serialising_keeps_the_previous_entry(tmp_path, monkeypatch):
    X, y = _seed_features()
    cache = npz_cache.DataCache(tmp_path)
    cache.save("features", X=X, y=y)
    _fail_on_second_array(monkeypatch)
    with pytest.raises(RuntimeError, match="simulated crash"):
        cache.save("features", X=X * 2, y=y + 1)
    monkeypatch.undo()
    _assert_entry_intact(tmp_path, "features", {"X": X, "y": y}, what="a save that crashed")
    assert _names(tmp_path) == ["features.npz"], (
        f"a save that crashed left {_names(tmp_path)} in the directory; expected only "
        "['features.npz']: remove the temporary file when the save fails"
    )


def test_a_first_save_that_crashes_leaves_no_entry(tmp_path, monkeypatch):
    X, y = _seed_features()
    cache = npz_cache.DataCache(tmp_path)
    _fail_on_second_array(monkeypatch)
    with pytest.raises(RuntimeError, match="simulated crash"):
        cache.save("features", X=X, y=y)
    monkeypatch.undo()
    assert _names(tmp_path) == [], (
        f"a first save that crashed left {_names(tmp_path)}; expected an empty directory: "
        f"no entry rather than half of one ({ATOMIC}), and no temporary file left behind"
    )
    assert_bool(cache.exists("features"), False, call="exists after a first save crashed")


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")
def test_a_save_that_hits_a_full_disk_keeps_the_previous_entry(tmp_path):
    import resource  # POSIX only

    X, y = _seed_features()
    cache = npz_cache.DataCache(tmp_path)
    cache.save("features", X=X, y=y)
    big = np.random.default_rng(1).standard_normal(200_000)  # 1.6 MB
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    # Files of this process may not grow past 64 kB: a write beyond that fails with EFBIG,
    # as on a full disk. Python ignores SIGXFSZ, so the failure is an OSError.
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))
    try:
        with pytest.raises(OSError):
            cache.save("features", X=big)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    _assert_entry_intact(
        tmp_path, "features", {"X": X, "y": y}, what="a save that hit a full disk"
    )
    assert _names(tmp_path) == ["features.npz"], (
        f"a save that hit a full disk left {_names(tmp_path)}; expected only "
        "['features.npz']: remove the temporary file when the save fails"
    )


def test_save_writes_its_temporary_file_in_the_cache_directory(tmp_path, monkeypatch):
    # tempfile's default directory is elsewhere, often on another file system, where
    # os.replace fails or is not atomic. Point it at nowhere: a save that uses it breaks.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no_such_directory"))
    cache = npz_cache.DataCache(tmp_path / "cache")
    try:
        cache.save("features", X=np.arange(3))
    except FileNotFoundError as error:
        pytest.fail(
            f"save('features') wrote outside the cache directory: {error}. Create the "
            "temporary file in the cache directory (tempfile.mkstemp(dir=...)): os.replace "
            "is atomic only within one file system",
            pytrace=False,
        )
    _assert_same_arrays(
        _load(cache, "features", after="save"), {"X": np.arange(3)}, call="load('features')"
    )
