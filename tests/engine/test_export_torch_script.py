"""The PyTorch script export: valid Python with the expected modules, loss, optimizer and preprocessing; and the
recorded engine/PyTorch parity fixture (tests/reference/gen_export.py) still holds for the current engine."""

from __future__ import annotations

import ast

import numpy as np
import pytest

from engine.data.preprocessing import MinMaxScaler, StandardScaler
from engine.errors import ConfigError
from engine.io.torch_script import export_torch_script, render_torch_script
from engine.model import Sequential
from engine.registry import LOSSES, OPTIMIZERS, PREPROCESSORS
from tests.engine.test_export_cases import all_cases, build_case
from tests.reference.fixtures import load_json


def _compiles(text: str) -> ast.Module:
    compile(text, "exported.py", "exec")  # compiled, never run
    return ast.parse(text)


@pytest.mark.parametrize("name", sorted(all_cases()))
def test_script_compiles_for_every_case(name: str) -> None:
    tree = _compiles(render_torch_script(build_case(name), weights_file="w.safetensors"))
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert {"build_model", "load_model", "preprocess", "predict", "train", "loss_fn"} <= functions


def test_modules_follow_the_state_dict_order(tmp_path) -> None:
    model = build_case("mlp")
    scaler = StandardScaler().fit(np.random.default_rng(0).normal(3.0, 2.0, (30, 6)))
    path = tmp_path / "iris_net.py"
    export_torch_script(path, model, weights_file="iris_net.safetensors", preprocessing=scaler,
                        classes=["setosa", "versicolor", "virginica"])
    text = path.read_text(encoding="utf-8")
    _compiles(text)
    expected = ["nn.Linear(6, 8, bias=True),  # 0: dense_1", "nn.ReLU(),  # 1: dense_1 (relu)",
                "nn.BatchNorm1d(8, eps=1e-05, momentum=0.1, affine=True),  # 2: batch_norm_1",
                "nn.PReLU(num_parameters=8, init=0.25),  # 3: prelu_1", "nn.Dropout(p=0.3),  # 4: dropout_1",
                "nn.LayerNorm(8, eps=1e-05, elementwise_affine=True, bias=True),  # 5: layer_norm_1",
                "nn.Linear(8, 3, bias=True),  # 6: dense_2", "nn.Softmax(dim=-1),  # 7: dense_2 (softmax)"]
    positions = [text.index(line) for line in expected]
    assert positions == sorted(positions)
    assert "model[2].weight.requires_grad_(False)" in text  # batch_norm_1 learns no scale
    assert "WEIGHTS = Path(__file__).with_name('iris_net.safetensors')" in text
    assert "CLASSES = ['setosa', 'versicolor', 'virginica']" in text
    assert "import iris_net" in text
    # softmax + sparse cross-entropy: training runs on the logits, targets are class indices
    assert "F.cross_entropy(output, target.long()" in text and "output = model[:-1](inputs[batch])" in text
    assert "targets = torch.as_tensor(y, dtype=torch.long)" in text
    assert "torch.optim.Adam(params, lr=0.001" in text


def _constants(text: str) -> dict[str, list[float]]:
    out = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and node.targets[0].id in ("OFFSET", "SCALE"):
            out[node.targets[0].id] = ast.literal_eval(node.value.args[0])
    return out


@pytest.mark.parametrize("scaler", [StandardScaler(), MinMaxScaler(feature_range=[-1.0, 1.0])])
def test_preprocessing_reproduces_the_scaler(scaler) -> None:
    rows = np.random.default_rng(2).normal(1.0, 3.0, (40, 6))
    rows[:, 2] = 5.0  # a constant feature: scale 1
    scaler.fit(rows)
    spec = PREPROCESSORS.to_spec(scaler)  # the stored form works as well as the instance
    for given in (scaler, spec):
        consts = _constants(render_torch_script(build_case("mlp"), weights_file="w.safetensors",
                                                preprocessing=given))
        x = np.random.default_rng(3).normal(size=(4, 6))
        ours = (x - np.array(consts["OFFSET"])) / np.array(consts["SCALE"])
        np.testing.assert_allclose(ours, scaler.transform(x), rtol=1e-12)
    with pytest.raises(ConfigError, match="fitted scaler"):
        render_torch_script(build_case("mlp"), weights_file="w.safetensors", preprocessing=StandardScaler())


@pytest.mark.parametrize("loss", LOSSES.names())
def test_every_loss_has_a_torch_equivalent(loss: str) -> None:
    text = render_torch_script(build_case("act_sigmoid"), weights_file="w.safetensors", loss=loss)
    _compiles(text)
    assert f"Terms of the '{loss}' loss" in text


@pytest.mark.parametrize("optimizer", OPTIMIZERS.names())
def test_every_optimizer_has_a_torch_equivalent(optimizer: str) -> None:
    spec = {"type": optimizer, "config": {"clipnorm": 1.0, "clipvalue": 0.5}}
    text = render_torch_script(build_case("mlp"), weights_file="w.safetensors", optimizer=spec)
    _compiles(text)
    assert "optimizer = torch.optim." in text and "clip_grad_norm_(params, 1.0)" in text
    assert "clip_grad_value_(params, 0.5)" in text


def test_regularizers_become_penalties_and_frozen_layers_stay_frozen() -> None:
    model = Sequential([{"type": "dense", "config": {"units": 4, "kernel_regularizer":
                                                     {"type": "l1_l2", "config": {"l1": 0.01, "l2": 0.02}}}},
                        {"type": "dense", "config": {"units": 1, "trainable": False}}], input_shape=(3,))
    text = render_torch_script(model, weights_file="w.safetensors")
    assert "return 0.01 * model[0].weight.abs().sum() + 0.02 * model[0].weight.square().sum()" in text
    assert "model[1].requires_grad_(False)" in text
    assert "F.mse_loss(output, target, reduction='none')" in text and "output = model(inputs[batch])" in text


def test_recorded_torch_parity_still_holds() -> None:
    """gen_export.py ran the exported scripts in PyTorch; the current engine must still give those outputs."""
    fixture = load_json("export.json")
    assert fixture["cases"]
    for case in fixture["cases"]:
        model = Sequential.from_config(case["model"])
        model.set_weights({k: np.asarray(v) for k, v in case["weights"].items()})
        x = np.asarray(case["x"])
        if case["preprocessing"] is not None:
            x = PREPROCESSORS.create(case["preprocessing"]).transform(x)
        ours = model.predict(x)
        np.testing.assert_allclose(ours, np.asarray(case["engine"]), rtol=1e-6, atol=1e-6, err_msg=case["name"])
        np.testing.assert_allclose(ours, np.asarray(case["torch"]), rtol=1e-5, atol=1e-5, err_msg=case["name"])
