"""Index splits: hold-out (optionally stratified), k-fold and time-ordered.

Every function returns integer index arrays into the dataset, so one split serves inputs, targets and any
per-sample extra. The same seed gives the same split.
"""

from __future__ import annotations

import numpy as np

from engine.errors import ConfigError
from engine.rng import make_rng

__all__ = ["k_fold", "largest_remainder", "time_ordered_split", "train_val_test_split"]


def train_val_test_split(
    n_or_y: int | np.ndarray,
    *,
    val: float = 0.0,
    test: float = 0.0,
    stratify: bool = True,
    seed: int | None = 0,
    shuffle: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split ``n`` samples (or the samples labelled by ``y``) into sorted train, validation and test indices.

    ``val`` and ``test`` are fractions of all samples; the part sizes are ``round(fraction · n)`` exactly.
    ``stratify`` (with labels ``y``) splits each class in the same proportions, sharing the rounding between
    classes by largest remainder so the totals stay exact. Without ``shuffle`` the order is kept and the last
    samples (of each class, when stratified) form the test part, those before them the validation part.
    """
    _check_fraction("val", val)
    _check_fraction("test", test)
    if val + test >= 1.0:
        raise ConfigError(f"validation and test fractions must leave samples for training: val + test must be "
                          f"< 1, received {val} + {test} = {val + test}.", param="val")
    labels = _labels(n_or_y, stratify)
    n = len(labels)
    n_test, n_val = round(test * n), round(val * n)
    groups = _groups(labels, seed, shuffle)
    sizes = np.array([len(g) for g in groups])
    test_sizes = largest_remainder(n_test, sizes)
    val_sizes = np.minimum(largest_remainder(n_val, sizes), sizes - test_sizes)
    parts: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]] = ([], [], [])
    for group, n_te, n_va in zip(groups, test_sizes, val_sizes, strict=True):
        cut_test, cut_val = len(group) - n_te, len(group) - n_te - n_va
        parts[0].append(group[:cut_val])
        parts[1].append(group[cut_val:cut_test])
        parts[2].append(group[cut_test:])
    train, valid, tst = (np.sort(np.concatenate(p)).astype(np.int64) for p in parts)
    return train, valid, tst


def time_ordered_split(n: int, *, val: float = 0.0, test: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Train on the first samples, validate on the next, test on the last: no look-ahead for ordered data."""
    return train_val_test_split(n, val=val, test=test, stratify=False, shuffle=False)


def k_fold(
    n_or_y: int | np.ndarray, k: int, *, stratify: bool = True, seed: int | None = 0, shuffle: bool = True
) -> list[tuple[np.ndarray, np.ndarray]]:
    """``k`` (train, validation) index pairs; every sample is validated exactly once.

    Fold sizes differ by at most one. ``stratify`` (with labels ``y``) deals each class round-robin over the
    folds so every fold keeps the class proportions.
    """
    labels = _labels(n_or_y, stratify)
    n = len(labels)
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 2 <= k <= n:
        raise ConfigError(f"k-fold needs an integer k in [2, {n}] (the number of samples), received {k!r}.",
                          param="k")
    order = np.concatenate(_groups(labels, seed, shuffle))
    fold_of = np.empty(n, dtype=np.int64)
    fold_of[order] = np.arange(n) % k
    all_idx = np.arange(n, dtype=np.int64)
    return [(all_idx[fold_of != f], all_idx[fold_of == f]) for f in range(k)]


def largest_remainder(total: int, sizes: np.ndarray) -> np.ndarray:
    """Share ``total`` among groups in proportion to ``sizes`` as integers that sum to ``total`` exactly.

    Each group gets the floor of its exact share; the leftover units go to the largest fractional parts (ties to
    the earlier group).
    """
    sizes = np.asarray(sizes, dtype=np.int64)
    n = int(sizes.sum())
    if n == 0 or total == 0:
        return np.zeros_like(sizes)
    exact = total * sizes / n
    share = np.floor(exact).astype(np.int64)
    leftover = total - int(share.sum())
    order = np.argsort(-(exact - share), kind="stable")
    share[order[:leftover]] += 1
    return share


def _check_fraction(name: str, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value < 1.0:
        raise ConfigError(f"the {name} fraction must be a number in [0, 1), received {value!r}.", param=name)


def _labels(n_or_y: int | np.ndarray, stratify: bool) -> np.ndarray:
    """Group labels per sample: the class labels when stratifying, else one group."""
    if isinstance(n_or_y, int | np.integer) and not isinstance(n_or_y, bool):
        if n_or_y < 1:
            raise ConfigError(f"cannot split {n_or_y} samples: expected at least 1.", param="n")
        return np.zeros(int(n_or_y), dtype=np.int64)
    y = np.asarray(n_or_y)
    if y.ndim != 1 or y.size == 0:
        raise ConfigError(f"expected a sample count or a non-empty 1-D label array, received shape {y.shape}.",
                          param="y")
    if not stratify:
        return np.zeros(len(y), dtype=np.int64)
    return np.unique(y, return_inverse=True)[1].astype(np.int64)


def _groups(labels: np.ndarray, seed: int | None, shuffle: bool) -> list[np.ndarray]:
    """Sample indices of each group, shuffled (seeded) or in their original order."""
    order = make_rng(seed).permutation(len(labels)) if shuffle else np.arange(len(labels))
    ranked = order[np.argsort(labels[order], kind="stable")]
    bounds = np.cumsum(np.bincount(labels))[:-1]
    return np.split(ranked, bounds)
