"""Images on the command line: ``--image-shape``, ``--image-size``, ``--cnn``, ``--augment`` and folders of images.

A CSV file of pixel columns becomes images N×C×H×W with ``--image-shape 8x8`` (or ``1x8x8``, ``28x28x3``); its
pixels are divided by the largest training pixel value, stored in the model file's pipeline so ``predict``
reapplies it (see :mod:`engine.data.pipeline`). Without the flag a table whose feature columns are all numbers, as
many as a square image has pixels, gets a one-line hint — never a silent reshape. DATA may also be a folder with
one subfolder per class (:func:`engine.data.images.load_image_folder`, needing Pillow: ``pip install
'nn-training-studio[images]'``), resized to ``--image-size`` (default the most common size), pixels in [0, 1].
``--cnn`` is the "Small CNN": :data:`SMALL_CNN`, then an output layer that follows the task. ``--augment`` is read
like a component's arguments (``shift=1, rotation=10``; parsed by :mod:`engine.spec_parser`, never evaluated) into
an :class:`engine.data.augment.Augmenter` seeded from ``--seed``, which the trainer applies to every training batch.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from engine.data import Dataset
from engine.data.augment import Augmenter
from engine.data.images import image_shape_from_string, load_image_folder
from engine.data.schema import Schema
from engine.data.tabular import pixel_columns, suggest_table_image_shape
from engine.errors import ConfigError
from engine.registry import Registry
from engine.spec_parser import parse_call, parse_layers

__all__ = ["SMALL_CNN", "add_image_arguments", "augmenter", "check_image_flags", "cnn_layers", "folder_dataset",
           "image_hint", "image_size"]

#: The layers of ``--cnn`` before the output layer (the "Small CNN" preset of the layer builder).
SMALL_CNN = ("conv2d(filters=8, kernel_size=3, padding=same, activation=relu), max_pool2d(pool_size=2), "
             "flatten")
#: ``--augment`` texts are read as the arguments of this one entry (checked against the Augmenter's PARAMS).
_AUGMENT = Registry("augmentation")
_PREFIX = "augment("
_POSITION = re.compile(r"at character (\d+)")


@_AUGMENT.register("augment", params=Augmenter.PARAMS, help="Random changes to every training batch.")
def _augment(**config: Any) -> Augmenter:
    return Augmenter(**config)


def add_image_arguments(train: argparse.ArgumentParser, model: argparse._MutuallyExclusiveGroup) -> None:
    """The image flags of ``nn-train train``; ``--cnn`` joins ``model`` (with --hidden and --layers)."""
    model.add_argument("--cnn", action="store_true", help="the Small CNN for images: " + SMALL_CNN + ", then an "
                       "output layer that follows the task")
    images = train.add_argument_group("images", "pixel columns of a CSV file, or a folder with one subfolder per "
                                      "class (needs Pillow: pip install 'nn-training-studio[images]')")
    images.add_argument("--image-shape", metavar="SHAPE", help="read the CSV's number columns as images of this "
                        "shape: 8x8 (grey), 1x8x8 (C×H×W, planar) or 28x28x3 (H×W×C, interleaved); pixels are "
                        "divided by the largest training pixel value")
    images.add_argument("--image-size", metavar="HxW", help="size every image of a folder is resized to, e.g. "
                        "28x28 or 28 (default: the most common size)")
    images.add_argument("--augment", metavar="SPEC", help="random changes to every training batch, e.g. 'shift=1, "
                        "rotation=10, zoom=0.1, flip_horizontal=false' (also flip_vertical, seed)")


def image_hint(schema: Schema) -> str | None:
    """A note suggesting ``--image-shape`` when the table's number columns could be one square image, else None."""
    text = suggest_table_image_shape(schema)
    if text is None:
        return None
    c, h, w = image_shape_from_string(text)
    kind = "grey" if c == 1 else "colour"
    return (f"the {len(pixel_columns(schema) or [])} number columns could be {h}×{w} {kind} images; to train on "
            f"them as images add --image-shape {text} (and --cnn for a small convolutional network).")


def image_size(text: str | None) -> tuple[int, int] | None:
    """``--image-size``: ``HxW`` or one number for a square, as (height, width)."""
    if text is None:
        return None
    parts = text.strip().lower().replace("×", "x").split("x")
    if len(parts) not in (1, 2) or not all(p.strip().isdecimal() and int(p) > 0 for p in parts):
        raise ConfigError(f"--image-size expected a size such as 28x28 or 28, received {text!r}.",
                          param="image_size")
    height, width = int(parts[0]), int(parts[-1])
    return height, width


def folder_dataset(source: str, args: argparse.Namespace) -> Dataset:
    """The images of the folder ``source`` (one subfolder per class) as a Dataset in ``args.dtype``."""
    data = load_image_folder(source, size=image_size(args.image_size))
    data.x = data.x.astype(args.dtype, copy=False)
    return data


def check_image_flags(args: argparse.Namespace, source: str) -> None:
    """Refuse image flags that do not fit a CSV file or a built-in dataset; check ``--image-shape`` early."""
    if args.image_size is not None:
        raise ConfigError(f"--image-size applies to folders of images; {source} is not a folder (for a CSV file of "
                          "pixel columns use --image-shape).", param="image_size")
    if args.image_shape is not None:
        image_shape_from_string(args.image_shape)


def cnn_layers(output: dict[str, Any], input_shape: tuple[int, ...]) -> list[dict[str, Any]]:
    """``--cnn``: the Small CNN and the task's ``output`` layer; refused for inputs that are not images."""
    if len(input_shape) != 3:
        raise ConfigError(f"--cnn needs images (channels×height×width), the data has {input_shape[0]} columns per "
                          "sample; add --image-shape (e.g. 8x8 for 64 pixel columns) or train on a folder of images.",
                          param="cnn")
    return [*parse_layers(SMALL_CNN), output]


def augmenter(text: str | None, seed: int, input_shape: tuple[int, ...]) -> Augmenter | None:
    """``--augment``: an Augmenter (seeded from ``--seed`` unless the text names a seed) for image inputs, or None.
    The trainer applies it to every training batch, never to validation or test data."""
    if text is None:
        return None
    if len(input_shape) != 3:
        raise ConfigError("--augment changes images; the data has one number per column, so add --image-shape or "
                          "train on a folder of images.", param="augment")
    try:
        spec = parse_call(f"{_PREFIX}{text})", _AUGMENT, "--augment")
    except ConfigError as error:
        message = _POSITION.sub(lambda m: f"at character {max(1, int(m.group(1)) - len(_PREFIX))}", error.message)
        raise ConfigError(message, param="augment") from None
    return _AUGMENT.create(spec, seed=spec["config"].get("seed", seed))
