"""Activations: values and gradients against PyTorch, finite differences, dtypes, stability and configuration."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest

from engine.activations import Activation
from engine.activations.special import erf, erfc, ndtr
from engine.errors import ConfigError
from engine.gradcheck import check_activation, relative_error
from engine.registry import ACTIVATIONS
from tests.reference.fixtures import load_json

REF = load_json("activations.json")
GRID = np.array(REF["grid"])
ROWS = np.array(REF["rows"])
ROWS_G = np.array(REF["rows_g"])
ELEMENTWISE = REF["elementwise"]
ROWWISE = REF["rowwise"]
REFERENCE_KEYS = {c["key"] for c in ELEMENTWISE + ROWWISE}

#: One or more configurations per activation for the checks that do not need a reference.
CONFIGS: dict[str, list[dict[str, Any]]] = {
    "step": [{}], "linear": [{}], "sigmoid": [{}], "hard_sigmoid": [{}], "tanh": [{}], "softsign": [{}],
    "relu": [{}], "relu6": [{}], "leaky_relu": [{}, {"alpha": 0.3}], "elu": [{}, {"alpha": 0.5}], "selu": [{}],
    "gelu": [{}, {"approximate": "tanh"}], "silu": [{}], "mish": [{}],
    "softplus": [{}, {"beta": 2.0, "threshold": 5.0}], "softmax": [{}], "log_softmax": [{}],
}
CASES = [(key, config) for key, configs in CONFIGS.items() for config in configs]
#: Points where some activation has a kink (no derivative): finite differences must stay away from them.
KINKS = (0.0, -3.0, 3.0, 6.0)
#: A parameter of each configurable activation set to something invalid.
BAD_PARAMS = {"leaky_relu": ("alpha", -0.1), "elu": ("alpha", 0.0), "gelu": ("approximate", "erf"),
              "softplus": ("beta", 0.0)}


def _ids(cases: list[tuple[str, dict]]) -> list[str]:
    return [key + "".join(f"-{k}={v}" for k, v in config.items()) for key, config in cases]


def _make(key: str, config: dict[str, Any]) -> Activation:
    return ACTIVATIONS.create({"type": key, "config": config})


def _away_from_kinks(x: np.ndarray) -> np.ndarray:
    for kink in KINKS:
        x[np.abs(x - kink) < 1e-3] += 0.01
    return x


# -- completeness and configuration ------------------------------------------------------------------------------
def test_every_activation_has_cases() -> None:
    assert set(ACTIVATIONS.names()) == set(CONFIGS)
    assert set(ACTIVATIONS.names()) == REFERENCE_KEYS


@pytest.mark.parametrize(("key", "config"), CASES, ids=_ids(CASES))
def test_config_round_trip(key: str, config: dict[str, Any]) -> None:
    act = _make(key, config)
    assert isinstance(act, Activation) and act.key == key
    spec = json.loads(json.dumps(ACTIVATIONS.to_spec(act)))
    again = ACTIVATIONS.create(spec)
    assert type(again) is type(act) and again.get_config() == act.get_config()
    x = _away_from_kinks(np.random.default_rng(0).uniform(-4, 4, (3, 5)))
    np.testing.assert_array_equal(again.forward(x), act.forward(x))


@pytest.mark.parametrize("key", list(CONFIGS))
def test_registry_description(key: str) -> None:
    meta = ACTIVATIONS.describe(key)
    assert meta["help"] and meta["category"] in ("classic", "rectified", "smooth", "output")
    json.dumps(meta)


@pytest.mark.parametrize("key", sorted(BAD_PARAMS))
def test_bad_parameter_names_it(key: str) -> None:
    name, value = BAD_PARAMS[key]
    with pytest.raises(ConfigError) as info:
        _make(key, {name: value})
    assert info.value.param == name and name in str(info.value)


def test_every_configurable_activation_has_a_bad_parameter_case() -> None:
    assert {k for k in ACTIVATIONS.names() if ACTIVATIONS.params(k)} == set(BAD_PARAMS)


def test_aliases() -> None:
    assert ACTIVATIONS.canonical("swish") == "silu"
    assert ACTIVATIONS.canonical("identity") == "linear"


# -- against PyTorch ---------------------------------------------------------------------------------------------
# Relative 1e-10; the absolute 1e-14 only matters where PyTorch itself loses relative precision to cancellation
# (1 + erf(x/√2) and 1 + tanh(·) near −1 in gelu's left tail, where we compute Φ through erfc instead).
RTOL, ATOL = 1e-10, 1e-14


@pytest.mark.parametrize("case", ELEMENTWISE, ids=_ids([(c["key"], c["config"]) for c in ELEMENTWISE]))
def test_elementwise_matches_torch(case: dict[str, Any]) -> None:
    act = _make(case["key"], case["config"])
    y = act.forward(GRID)
    assert y.dtype == np.float64
    np.testing.assert_allclose(y, case["y"], rtol=RTOL, atol=ATOL)
    if case["derivative"] is None:  # step: PyTorch has no derivative; by definition it is zero everywhere
        np.testing.assert_array_equal(act.derivative(GRID), np.zeros_like(GRID))
        return
    # PyTorch's float64 hardsigmoid backward multiplies by a float32 1/6, so it is only good to ~3e-8.
    rtol = 1e-7 if case["key"] == "hard_sigmoid" else RTOL
    np.testing.assert_allclose(act.derivative(GRID), case["derivative"], rtol=rtol, atol=ATOL)
    np.testing.assert_allclose(act.derivative(GRID, y), case["derivative"], rtol=rtol, atol=ATOL)
    g = np.random.default_rng(1).standard_normal(GRID.shape)
    np.testing.assert_allclose(act.backward(GRID, y, g), g * np.array(case["derivative"]), rtol=rtol, atol=ATOL)


@pytest.mark.parametrize("case", ROWWISE, ids=[c["key"] for c in ROWWISE])
def test_rowwise_matches_torch(case: dict[str, Any]) -> None:
    act = _make(case["key"], case["config"])
    y = act.forward(ROWS)
    np.testing.assert_allclose(y, case["y"], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(act.backward(ROWS, y, ROWS_G), case["vjp"], rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("case", ELEMENTWISE + ROWWISE,
                         ids=_ids([(c["key"], c["config"]) for c in ELEMENTWISE + ROWWISE]))
def test_float32_stays_float32_and_close(case: dict[str, Any]) -> None:
    act = _make(case["key"], case["config"])
    x = (ROWS if case in ROWWISE else GRID).astype(np.float32)
    y = act.forward(x)
    g = np.ones_like(x)
    assert y.dtype == np.float32
    assert act.backward(x, y, g).dtype == np.float32
    if act.elementwise:
        assert act.derivative(x).dtype == np.float32 and act.derivative(x, y).dtype == np.float32
    # Most grid points (multiples of 1/20) round when cast to float32, so compare at float32 accuracy.
    np.testing.assert_allclose(y, case["y"], rtol=2e-5, atol=1e-5)


# -- finite differences ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("key", "config"), CASES, ids=_ids(CASES))
def test_gradcheck(key: str, config: dict[str, Any]) -> None:
    x = _away_from_kinks(np.random.default_rng(7).uniform(-7, 7, (4, 6)))
    result = check_activation(_make(key, config), x)
    assert result.ok, str(result)


@pytest.mark.parametrize("key", ["softmax", "log_softmax"])
def test_rowwise_derivative_is_the_jacobian_diagonal(key: str) -> None:
    act = _make(key, {})
    x = np.random.default_rng(3).standard_normal((3, 5))
    eps = 1e-6
    diagonal = np.empty_like(x)
    for index in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[index] += eps
        minus[index] -= eps
        diagonal[index] = (act.forward(plus)[index] - act.forward(minus)[index]) / (2 * eps)
    assert relative_error(act.derivative(x), diagonal) < 1e-8


@pytest.mark.parametrize("key", ["softmax", "log_softmax"])
def test_rowwise_works_along_the_last_axis_of_any_rank(key: str) -> None:
    act = _make(key, {})
    x = np.random.default_rng(4).standard_normal((2, 3, 4))
    flat = act.forward(x.reshape(-1, 4)).reshape(x.shape)
    np.testing.assert_allclose(act.forward(x), flat, rtol=1e-15)
    probabilities = act.forward(x) if key == "softmax" else np.exp(act.forward(x))
    np.testing.assert_allclose(probabilities.sum(axis=-1), 1.0, rtol=1e-14)


# -- conventions, stability, dtypes ------------------------------------------------------------------------------
def test_kinks_follow_pytorch() -> None:
    x = np.array([-3.0, 0.0, 3.0, 6.0])
    assert ACTIVATIONS.create("relu").derivative(x).tolist() == [0.0, 0.0, 1.0, 1.0]
    assert ACTIVATIONS.create("relu6").derivative(x).tolist() == [0.0, 0.0, 1.0, 0.0]
    assert ACTIVATIONS.create("hard_sigmoid").derivative(x).tolist() == [0.0, 1 / 6, 0.0, 0.0]
    assert _make("leaky_relu", {"alpha": 0.2}).derivative(x).tolist() == [0.2, 0.2, 1.0, 1.0]
    assert _make("elu", {"alpha": 0.5}).derivative(x)[1] == 0.5
    assert ACTIVATIONS.create("step").forward(x).tolist() == [0.0, 1.0, 1.0, 1.0]


@pytest.mark.parametrize(("key", "config"), CASES, ids=_ids(CASES))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_huge_inputs_give_finite_results_without_warnings(key: str, config: dict[str, Any], dtype: type) -> None:
    # filterwarnings=error turns any overflow/invalid warning into a failure
    act = _make(key, config)
    x = np.array([[-1e30, -1e4, -90.0, 0.0, 90.0, 1e4, 1e30]], dtype=dtype)
    y = act.forward(x)
    assert y.dtype == dtype
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(act.backward(x, y, np.ones_like(x))))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gelu_derivative_from_its_output_matches_the_direct_one(dtype: type) -> None:
    """backward reuses y = x·Φ(x) to get Φ; subnormal and zero inputs must not break that."""
    tiny = float(np.finfo(dtype).tiny)
    x = np.array([0.0, tiny / 8, -tiny / 8, tiny * 3, 1e-20, -1e-20, -9.0, -0.3, 2.0, 30.0], dtype=dtype)
    gelu = ACTIVATIONS.create("gelu")
    rtol = 1e-6 if dtype == np.float32 else 1e-14
    np.testing.assert_allclose(gelu.derivative(x, gelu.forward(x)), gelu.derivative(x), rtol=rtol, atol=0)


def test_sigmoid_limits_are_exact() -> None:
    y = ACTIVATIONS.create("sigmoid").forward(np.array([-1000.0, 1000.0], dtype=np.float32))
    assert y.tolist() == [0.0, 1.0]


@pytest.mark.parametrize("key", [k for k in CONFIGS if ACTIVATIONS.get(k).saturation])
def test_declared_saturation_ranges_have_small_slopes(key: str) -> None:
    """Inside a declared saturation range (default parameters) |f′| is at most 1% of a linear unit's slope."""
    act = ACTIVATIONS.create(key)
    for low, high in act.saturation:
        lo = -60.0 if low is None else low
        hi = 60.0 if high is None else high
        x = np.linspace(lo, hi, 1001)
        assert np.max(np.abs(act.derivative(x))) <= 0.01, (low, high)


def test_saturation_is_declared_for_the_bounded_functions() -> None:
    for key in ("step", "sigmoid", "hard_sigmoid", "tanh", "softsign", "relu", "relu6", "elu", "selu"):
        assert ACTIVATIONS.get(key).saturation, key


@pytest.mark.parametrize("key", ["relu", "tanh", "gelu", "softmax"])
def test_integer_input_is_computed_in_float64(key: str) -> None:
    y = ACTIVATIONS.create(key).forward(np.array([[-2, 0, 3]]))
    assert y.dtype == np.float64


@pytest.mark.parametrize(("key", "config"), CASES, ids=_ids(CASES))
def test_scalars_and_empty_batches(key: str, config: dict[str, Any]) -> None:
    act = _make(key, config)
    empty = act.forward(np.zeros((0, 5), dtype=np.float32))
    assert empty.shape == (0, 5) and empty.dtype == np.float32
    if act.elementwise:
        assert np.ndim(act.forward(1.5)) == 0 and act.forward(1.5) == act.forward(np.array([1.5]))[0]
        assert act.derivative(1.5) == act.derivative(np.array([1.5]))[0]


def test_linear_passes_arrays_through() -> None:
    x = np.ones((2, 3), dtype=np.float32)
    act = ACTIVATIONS.create("linear")
    assert act.forward(x) is x and act.backward(x, x, x) is x


# -- the error function behind exact gelu ------------------------------------------------------------------------
def test_erf_and_erfc_match_the_standard_library() -> None:
    x = np.concatenate([np.linspace(-27.0, 27.0, 20001), [0.0, 0.46875, -0.46875, 4.0, -4.0, 1e-300]])
    ref_erf = np.array([math.erf(v) for v in x])
    ref_erfc = np.array([math.erfc(v) for v in x])
    normal = ref_erfc > 1e-300  # beyond x ≈ 26.5 erfc leaves the normal range; we return 0 there
    np.testing.assert_allclose(erf(x), ref_erf, rtol=2e-15, atol=0)
    np.testing.assert_allclose(erfc(x)[normal], ref_erfc[normal], rtol=4e-15, atol=0)
    assert np.all(erfc(x)[~normal] <= 1e-300)
    # Φ(x) = ½·erfc(−x/√2): a one-ulp difference in x/√2 is amplified by the tail's conditioning (≈ x²).
    ref_ndtr = 0.5 * np.array([math.erfc(-v / math.sqrt(2)) for v in x])
    assert np.all(np.abs(ndtr(x) - ref_ndtr) <= (4e-15 + 4.4e-16 * x * x) * ref_ndtr)


def test_erf_keeps_shape_including_scalars() -> None:
    assert erf(0.5) == pytest.approx(math.erf(0.5), rel=1e-15) and np.shape(erfc(0.5)) == ()
    assert erf(np.zeros((2, 0, 3))).shape == (2, 0, 3) and ndtr(np.zeros((4, 1))).shape == (4, 1)


def test_erf_special_values_and_dtype() -> None:
    x = np.array([np.inf, -np.inf, np.nan, 1e300, -1e300])
    assert erf(x)[[0, 1, 3, 4]].tolist() == [1.0, -1.0, 1.0, -1.0] and np.isnan(erf(x)[2])
    assert erfc(x)[[0, 1, 3, 4]].tolist() == [0.0, 2.0, 0.0, 2.0] and np.isnan(erfc(x)[2])
    x32 = np.linspace(-5, 5, 101, dtype=np.float32)
    assert erf(x32).dtype == np.float32
    np.testing.assert_allclose(erf(x32), [math.erf(v) for v in x32.astype(np.float64)], atol=3e-7)
