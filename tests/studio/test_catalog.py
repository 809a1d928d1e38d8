"""The catalog: the engine's registries as the window lists them, with nothing added or left out."""

from __future__ import annotations

import subprocess
import sys

import pytest

from engine.errors import ConfigError
from engine.layers.base import Layer
from engine.params import Param
from engine.registry import ACTIVATIONS, LAYERS, REGISTRIES, Registry
from studio.catalog import BROWSABLE_KINDS, CATEGORY_ORDER, Catalog, display_name


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


def test_browsable_kinds_are_the_five_families_of_the_component_browser(catalog: Catalog) -> None:
    assert catalog.kinds() == BROWSABLE_KINDS == ("layers", "activations", "losses", "optimizers", "schedules")


@pytest.mark.parametrize("kind", BROWSABLE_KINDS)
def test_every_registered_key_is_listed_with_its_params_and_help(catalog: Catalog, kind: str) -> None:
    registry = REGISTRIES[kind]
    entries = catalog.entries(kind)
    assert [e.key for e in entries] == registry.names()
    for entry in entries:
        assert entry.kind == kind
        assert entry.params == registry.params(entry.key)
        assert entry.help == registry.meta(entry.key)["help"]
        assert entry.display_name


def test_the_engine_has_layers_to_show(catalog: Catalog) -> None:
    assert "dense" in catalog.names("layers")
    assert len(catalog.names("layers")) == len(LAYERS)


def test_layer_categories_come_from_the_layer_classes(catalog: Catalog) -> None:
    for entry in catalog.entries("layers"):
        assert entry.category == LAYERS.get(entry.key).category


def test_known_categories_come_first_in_menu_order(catalog: Catalog) -> None:
    categories = catalog.categories("layers")
    known = [c for c in categories if c in CATEGORY_ORDER]
    assert categories[: len(known)] == sorted(known, key=CATEGORY_ORDER.index)
    assert set(categories) == {e.category for e in catalog.entries("layers")}


def test_component_parameters_list_the_named_registry(catalog: Catalog) -> None:
    assert catalog.component_names("activations") == ACTIVATIONS.names()
    assert "relu" in catalog.component_names("activations")


def test_aliases_resolve_to_the_registered_entry() -> None:
    registry = Registry("layers")

    @registry.register("max_pool2d", aliases=("maxpool2d",))
    class MaxPool2D(Layer):
        """Keeps the largest value of each window."""

        category = "pooling"

    entry = Catalog({"layers": registry}, kinds=("layers",)).entry("layers", "maxpool2d")
    assert (entry.key, entry.display_name, entry.category) == ("max_pool2d", "Max Pool2D", "pooling")
    assert entry.help == "Keeps the largest value of each window."


def test_registration_metadata_overrides_derived_names_and_functions_work() -> None:
    registry = Registry("schedules")
    params = (Param("gamma", "float", 0.1, "Decay factor.", low=0.0, high=1.0),)

    @registry.register("exp_decay", params=params, help="Multiply by gamma every step.",
                       display_name="Exponential decay", category="decay")
    def exp_decay(gamma: float = 0.1) -> float:
        return gamma

    entry = Catalog({"schedules": registry}, kinds=("schedules",)).entries("schedules")[0]
    assert entry.display_name == "Exponential decay"
    assert entry.category == "decay"
    assert entry.params == params
    assert entry.help == "Multiply by gamma every step."


def test_an_entry_without_category_or_help_gets_empty_strings() -> None:
    registry = Registry("losses")

    @registry.register("plain", params=())
    def plain() -> None: ...

    catalog = Catalog({"losses": registry}, kinds=("losses",))
    entry = catalog.entry("losses", "plain")
    assert (entry.category, entry.help, entry.params) == ("", "", ())
    assert catalog.categories("losses") == [""]


@pytest.mark.parametrize(("key", "name"), [
    ("dense", "Dense"), ("leaky_relu", "Leaky ReLU"), ("sgd", "SGD"), ("adamw", "AdamW"),
    ("conv2d", "Conv2D"), ("max_pool2d", "Max Pool2D"), ("binary_crossentropy", "Binary Crossentropy"),
    ("he_uniform", "He Uniform"),
])
def test_display_names_spell_acronyms_right(key: str, name: str) -> None:
    assert display_name(key) == name


def test_unknown_names_are_reported(catalog: Catalog) -> None:
    with pytest.raises(KeyError, match="no registry named 'widgets'"):
        catalog.entries("widgets")
    with pytest.raises(KeyError, match="known: layers"):
        Catalog({"layers": LAYERS}, kinds=("layers", "losses"))
    with pytest.raises(ConfigError, match="unknown layer 'no_such_layer'"):
        catalog.entry("layers", "no_such_layer")


def test_catalog_and_throttle_import_without_qt() -> None:
    code = ("import sys, studio.catalog, studio.throttle; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
