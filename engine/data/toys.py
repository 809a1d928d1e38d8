"""Generated 2-D toy datasets for learning: logic gates, circles, moons, spirals, blobs, checkerboard, curves.

Each generator is registered in ``DATASETS`` with its parameters (``n_samples``, ``noise``, ``seed``, …) and
returns a :class:`Dataset`; :func:`engine.data.builtin.load_dataset` validates the parameters and names the
result. The same seed gives the same points. ``noise`` is always the standard deviation of Gaussian jitter added
to the inputs (to the target for regression).
"""

from __future__ import annotations

import numpy as np

from engine.data.dataset import Dataset
from engine.params import Param
from engine.registry import DATASETS

__all__ = ["make_blobs", "make_checkerboard", "make_circles", "make_gate", "make_linear_regression",
           "make_moons", "make_sine_regression", "make_spirals"]

_XY = ["x1", "x2"]


def _n(default: int) -> Param:
    return Param("n_samples", "int", default, "How many points to generate.", low=1, high=1_000_000)


def _noise(default: float) -> Param:
    return Param("noise", "float", default, "Standard deviation of the Gaussian jitter added to every point.",
                 low=0.0, high=10.0, typical="0.1")


SEED = Param("seed", "int", 0, "Random seed: the same seed gives the same points.", low=0)


def _gate_params(n_default: int) -> tuple[Param, ...]:
    return (
        Param("n_samples", "int", n_default, "4 gives the truth table; more adds noisy copies of its points.",
              low=4, high=1_000_000),
        _noise(0.1),
        SEED,
    )

_TRUTH_TABLE = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def _classes(k: int) -> list[str]:
    return [str(i) for i in range(k)]


def _balanced(n: int, k: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` labels over ``k`` classes, sizes differing by at most one, in random order."""
    return rng.permutation(np.arange(n) % k).astype(np.int64)


def make_gate(truth: np.ndarray, n_samples: int, noise: float, seed: int) -> Dataset:
    """The 4 truth-table points; beyond them, copies of the points cycled in order with Gaussian noise."""
    rng = np.random.default_rng(seed)
    corner = np.arange(n_samples) % 4
    x = _TRUTH_TABLE[corner].copy()
    x[4:] += rng.normal(0.0, noise, size=(n_samples - 4, 2))
    return Dataset(x, truth[corner], list(_XY), "label", "binary", _classes(2))


# XOR defaults to noisy clusters around the four corners (as TensorFlow Playground shows it), so that a
# validation split and a decision boundary mean something; n_samples=4 gives the bare truth table.
@DATASETS.register("xor", params=_gate_params(200), kind="toy2d", task="binary")
def xor(n_samples: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """XOR gate: 1 when exactly one input is 1 — not linearly separable, needs a hidden layer."""
    return make_gate(np.array([0, 1, 1, 0]), n_samples, noise, seed)


@DATASETS.register("and", params=_gate_params(4), kind="toy2d", task="binary")
def and_gate(n_samples: int = 4, noise: float = 0.1, seed: int = 0) -> Dataset:
    """AND gate: 1 only when both inputs are 1 — linearly separable, one perceptron learns it."""
    return make_gate(np.array([0, 0, 0, 1]), n_samples, noise, seed)


@DATASETS.register("or", params=_gate_params(4), kind="toy2d", task="binary")
def or_gate(n_samples: int = 4, noise: float = 0.1, seed: int = 0) -> Dataset:
    """OR gate: 1 when any input is 1 — linearly separable, one perceptron learns it."""
    return make_gate(np.array([0, 1, 1, 1]), n_samples, noise, seed)


@DATASETS.register("circles", params=(_n(200), _noise(0.05), Param(
    "factor", "float", 0.5, "Radius of the inner circle relative to the outer one.", low=0.0, high=1.0,
    low_open=True, high_open=True), SEED), kind="toy2d", task="binary")
def make_circles(n_samples: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0) -> Dataset:
    """Two concentric circles: class 0 outside, class 1 inside — separable only by a curved boundary."""
    rng = np.random.default_rng(seed)
    y = _balanced(n_samples, 2, rng)
    angle = rng.uniform(0.0, 2.0 * np.pi, n_samples)
    radius = np.where(y == 0, 1.0, factor)
    x = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    x += rng.normal(0.0, noise, size=x.shape)
    return Dataset(x, y, list(_XY), "label", "binary", _classes(2))


@DATASETS.register("moons", params=(_n(200), _noise(0.1), SEED), kind="toy2d", task="binary")
def make_moons(n_samples: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Two interleaving half circles."""
    rng = np.random.default_rng(seed)
    y = _balanced(n_samples, 2, rng)
    t = rng.uniform(0.0, np.pi, n_samples)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    x = np.where((y == 0)[:, None], upper, lower)
    x += rng.normal(0.0, noise, size=x.shape)
    return Dataset(x, y, list(_XY), "label", "binary", _classes(2))


@DATASETS.register("spirals", params=(_n(300), _noise(0.05), Param(
    "turns", "float", 1.5, "How many times each arm winds around the centre.", low=0.25, high=5.0), SEED),
    kind="toy2d", task="binary")
def make_spirals(n_samples: int = 300, noise: float = 0.05, turns: float = 1.5, seed: int = 0) -> Dataset:
    """Two interleaved spiral arms — a hard boundary that needs a deeper or wider network."""
    rng = np.random.default_rng(seed)
    y = _balanced(n_samples, 2, rng)
    t = np.sqrt(rng.uniform(0.02, 1.0, n_samples))  # sqrt: even density along the arm
    angle = 2.0 * np.pi * turns * t + np.pi * y
    x = np.column_stack([t * np.cos(angle), t * np.sin(angle)])
    x += rng.normal(0.0, noise, size=x.shape)
    return Dataset(x, y, list(_XY), "label", "binary", _classes(2))


@DATASETS.register("blobs", params=(_n(300), Param(
    "centers", "int", 3, "Number of clusters, one class each.", low=2, high=20),
    Param("cluster_std", "float", 1.0, "Standard deviation of each cluster.", low=0.0, high=20.0), SEED),
    kind="toy2d", task="multiclass")
def make_blobs(n_samples: int = 300, centers: int = 3, cluster_std: float = 1.0, seed: int = 0) -> Dataset:
    """Gaussian clusters around random centres in [-10, 10]², one class per cluster."""
    rng = np.random.default_rng(seed)
    middle = rng.uniform(-10.0, 10.0, size=(centers, 2))
    y = _balanced(n_samples, centers, rng)
    x = middle[y] + rng.normal(0.0, cluster_std, size=(n_samples, 2))
    return Dataset(x, y, list(_XY), "label", "binary" if centers == 2 else "multiclass", _classes(centers))


@DATASETS.register("checkerboard", params=(_n(400), Param(
    "tiles", "int", 4, "Tiles along each side of the board.", low=2, high=16), _noise(0.0), SEED),
    kind="toy2d", task="binary")
def make_checkerboard(n_samples: int = 400, tiles: int = 4, noise: float = 0.0, seed: int = 0) -> Dataset:
    """Uniform points on [-1, 1]² labelled by the colour of their checkerboard tile."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=(n_samples, 2))
    cell = np.minimum(np.floor((x + 1.0) * tiles / 2.0), tiles - 1).astype(np.int64)
    y = (cell[:, 0] + cell[:, 1]) % 2
    x += rng.normal(0.0, noise, size=x.shape)
    return Dataset(x, y, list(_XY), "label", "binary", _classes(2))


@DATASETS.register("linear_regression", params=(_n(200), Param(
    "n_features", "int", 1, "Number of input features.", low=1, high=100), _noise(0.1), SEED),
    kind="toy2d", task="regression")
def make_linear_regression(n_samples: int = 200, n_features: int = 1, noise: float = 0.1, seed: int = 0) -> Dataset:
    """y = x·w + b + noise with random weights; inputs uniform in [-1, 1]."""
    rng = np.random.default_rng(seed)
    w = rng.normal(0.0, 1.0, n_features)
    b = rng.normal(0.0, 1.0)
    x = rng.uniform(-1.0, 1.0, size=(n_samples, n_features))
    y = x @ w + b + rng.normal(0.0, noise, n_samples)
    return Dataset(x, y, [f"x{i + 1}" for i in range(n_features)], "y", "regression")


@DATASETS.register("sine_regression", params=(_n(200), _noise(0.1), Param(
    "periods", "float", 1.0, "How many full sine periods the inputs cover.", low=0.1, high=20.0), SEED),
    kind="toy2d", task="regression")
def make_sine_regression(n_samples: int = 200, noise: float = 0.1, periods: float = 1.0, seed: int = 0) -> Dataset:
    """y = sin(x) + noise, x uniform over ``periods`` periods centred on 0: a curve a linear model cannot fit."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-np.pi * periods, np.pi * periods, size=(n_samples, 1))
    y = np.sin(x[:, 0]) + rng.normal(0.0, noise, n_samples)
    return Dataset(x, y, ["x"], "y", "regression")
