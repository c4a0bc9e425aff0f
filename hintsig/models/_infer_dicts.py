"""The columns of a pool of dicts: for each key, the values of the dicts holding it.

Inference needs, for every key that some dict of a pool holds, the pool of that key's
values and whether some dict lacks the key. They are found with C-level passes only
(`map`, `itemgetter`, `compress`, `chain`, numpy on lengths), never a Python frame per dict:

* when every dict holds the first dict's keys (the usual case): one `len` pass, then one
  `itemgetter` pass per key; only the dicts holding more keys than the first (found by
  numpy on the lengths, usually a handful) are then searched for the other keys;
* otherwise, with numpy loaded, plain dicts are flattened into one array of values and
  one of key codes (dict iteration gives both in the same order), and a stable sort of the
  codes groups every key's values: the cost does not grow with the number of keys;
* dict subclasses, and plain dicts when numpy is not loaded (plain Python data), are read
  through `in`, then `[]` on the holders only: a `defaultdict` must not grow, and an
  `OrderedDict` may iterate in another order than it stores.

A key that only the 900,000th dict holds is found, and marked as absent from the others.
Columns are gathered as they are iterated (all at once only for scattered plain dicts), so
that inference holds one column of a level at a time.
"""

from __future__ import annotations

import operator
import sys
from collections.abc import Hashable, Iterator
from itertools import chain, compress, repeat
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy.typing as npt

__all__ = ["Column", "Values", "dict_columns"]

#: A pool: a list, or a 1-D object array.
Values: TypeAlias = "Sequence[Any] | npt.NDArray[Any]"

#: A key, its values (in the dicts holding it), and whether some dict lacks the key.
Column: TypeAlias = "tuple[Hashable, Values, bool]"


def dict_columns(dicts: Values, *, exact: bool) -> tuple[Iterator[Column], bool]:
    """The column of every key, in order of first appearance, and whether a dict is empty.

    `dicts` is not empty; `exact` says every one is a plain `dict` (not a subclass).
    """
    first = list(dicts[0])
    sizes, smallest, largest = _sizes(dicts)
    if exact and smallest == len(first) > 0:  # else a dict lacks one of the first's keys
        longer = _longer(dicts, sizes, len(first)) if largest > len(first) else []
        return _shared_columns(dicts, first, longer), False
    return _scattered_columns(dicts, exact=exact), smallest == 0


def _sizes(dicts: Values) -> tuple[Any, int, int]:
    """The number of keys of every dict (numpy array when numpy is loaded), min and max."""
    np = sys.modules.get("numpy")
    if np is None:
        lengths = list(map(len, dicts))
        return lengths, min(lengths), max(lengths)
    sizes = np.fromiter(map(len, dicts), dtype=np.intp, count=len(dicts))
    return sizes, int(sizes.min()), int(sizes.max())


def _longer(dicts: Values, sizes: Any, size: int) -> list[Any]:
    """The dicts holding more than `size` keys, `sizes` being their numbers of keys."""
    if isinstance(sizes, list):
        return list(compress(dicts, map(size.__lt__, sizes)))
    return list(map(dicts.__getitem__, (sizes > size).nonzero()[0].tolist()))


def _shared_columns(dicts: Values, keys: list[Hashable], longer: list[Any]) -> Iterator[Column]:
    """The columns of `keys`, which every dict should hold, then of the keys of `longer`."""
    for index, key in enumerate(keys):
        try:
            values = list(map(operator.itemgetter(key), dicts))
        except KeyError:  # this dict holds another key instead: search every dict
            done = set(keys[:index])
            rest = _scattered_columns(dicts, exact=True)
            yield from (column for column in rest if column[0] not in done)
            return
        yield key, values, False
        del values  # before the next key's values are gathered
    known = set(keys)
    for key, held, _ in _scattered_columns(longer, exact=True):
        if key not in known:
            yield key, held, True  # the first dict lacks it


def _scattered_columns(dicts: Values, *, exact: bool) -> Iterator[Column]:
    """The columns of dicts holding different keys."""
    np = sys.modules.get("numpy")
    if exact and np is not None:
        return _flat_columns(dicts, np)
    return _probed_columns(dicts)


def _flat_columns(dicts: Values, np: Any) -> Iterator[Column]:
    """The columns of plain dicts: all keys and all values flattened, grouped by key code.

    Dict iteration gives keys and values in the same order, so entry `i` of both belongs
    together; a stable sort of the key codes lays every key's values next to each other.
    """
    keys = list(chain.from_iterable(dicts))
    distinct = list(dict.fromkeys(keys))
    if not distinct:  # every dict is empty
        return iter(())
    number = {key: code for code, key in enumerate(distinct)}
    code_type = np.min_scalar_type(len(distinct))  # uint8 mostly: a radix sort
    codes = np.fromiter(map(number.__getitem__, keys), dtype=code_type, count=len(keys))
    del keys
    entries = chain.from_iterable(map(dict.values, dicts))
    values = np.fromiter(entries, dtype=object, count=len(codes))
    grouped = values[np.argsort(codes, kind="stable")]
    counts = np.bincount(codes, minlength=len(distinct))
    columns = np.split(grouped, np.cumsum(counts)[:-1])
    return zip(distinct, columns, (counts < len(dicts)).tolist(), strict=True)


def _probed_columns(dicts: Values) -> Iterator[Column]:
    """The columns of dicts that may be subclasses: `in`, then `[]` on the holders only."""
    for key in dict.fromkeys(chain.from_iterable(dicts)):
        holders = list(compress(dicts, map(operator.contains, dicts, repeat(key))))
        yield key, list(map(operator.itemgetter(key), holders)), len(holders) < len(dicts)
