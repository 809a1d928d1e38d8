"""Images for convolutional layers: declared shapes, pixel rows reshaped to N×C×H×W, and folders of image files.

**Shapes.** The engine computes in NCHW: a sample is (channels, height, width). A shape is written with ``x``
(or ``×`` or ``,``) between the sizes: ``"8x8"`` is one grey channel (1, 8, 8); three sizes give the channel count
first or last, ``"1x8x8"`` / ``"3x32x32"`` (C×H×W) or ``"28x28x3"`` (H×W×C). The channel count must be 1 (grey),
3 (RGB) or 4 (RGBA), and it is taken from whichever end holds such a number. When both ends could be it
(``"3x8x3"``) the text is ambiguous and must end with ``:chw`` or ``:hwc`` (``"3x8x3:hwc"``).

**Pixel columns.** The written order is also the order of the pixel columns in a row: ``"3x32x32"`` means all red
values, then all green, then all blue (planar, as CIFAR files store them); ``"32x32x3"`` means red, green, blue for
the first pixel, then the next pixel (interleaved, as a flattened H×W×C array). Pixels run row by row.

**Folders.** :func:`load_image_folder` reads one subfolder per class (Pillow, the optional extra ``images``,
imported only there).
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from engine.data.dataset import Dataset
from engine.errors import ConfigError, DataError, ShapeError

__all__ = ["IMAGE_SUFFIXES", "image_shape_from_string", "load_image_folder", "reshape_to_images",
           "suggest_image_shape"]

#: Channel counts an image can have: grey, RGB, RGBA.
CHANNELS = (1, 3, 4)
LAYOUTS = ("chw", "hwc")
#: File endings :func:`load_image_folder` reads (any case); other files in the class folders are ignored.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".ppm", ".pgm")
#: The smallest side :func:`suggest_image_shape` proposes: fewer pixels than 4×4 are more likely a table.
MIN_SIDE = 4
_GREY_MODES = ("1", "L", "LA", "I", "I;16", "F")
_LISTED = 10


def _parse(text: str) -> tuple[tuple[int, int, int], str]:
    """(C, H, W) and the written layout ("chw" or "hwc") of a shape text."""
    if not isinstance(text, str):
        raise ConfigError(f"image shape expected a text such as '8x8', '1x8x8' or '28x28x3', received {text!r}.",
                          param="image_shape")
    body, _, marker = text.strip().lower().partition(":")
    marker = marker.strip()
    if marker and marker not in LAYOUTS:
        raise ConfigError(f"image shape: the layout after ':' expected 'chw' or 'hwc', received {marker!r} in "
                          f"{text!r}.", param="image_shape")
    parts = [p.strip() for p in body.replace("×", "x").replace(",", "x").split("x")]
    if len(parts) not in (2, 3) or not all(p.isdecimal() and int(p) > 0 for p in parts):
        raise ConfigError(f"image shape expected two or three positive sizes such as '8x8', '1x8x8' or '28x28x3', "
                          f"received {text!r}.", param="image_shape")
    sizes = [int(p) for p in parts]
    if len(sizes) == 2:
        if marker:
            raise ConfigError(f"image shape: a layout is only needed with three sizes, received {text!r}; '"
                              f"{body.strip()}' already means one grey channel.", param="image_shape")
        return (1, sizes[0], sizes[1]), "chw"
    first, last = sizes[0] in CHANNELS, sizes[2] in CHANNELS
    layout = marker or ("chw" if first and not last else "hwc" if last and not first else "")
    if not layout and first:
        raise ConfigError(f"image shape {text!r} is ambiguous: both the first and the last size could be the "
                          f"channel count; write it with the layout, '{body.strip()}:chw' (channels first) or "
                          f"'{body.strip()}:hwc' (channels last).", param="image_shape")
    c, h, w = sizes if layout != "hwc" else (sizes[2], sizes[0], sizes[1])
    if c not in CHANNELS:
        raise ConfigError(f"image shape {text!r}: expected a channel count of 1, 3 or 4 as the first (C×H×W) or the "
                          f"last (H×W×C) size, received {c if layout else f'{sizes[0]} and {sizes[2]}'}.",
                          param="image_shape")
    return (c, h, w), layout


def image_shape_from_string(text: str) -> tuple[int, int, int]:
    """The (channels, height, width) a shape text declares: ``"8x8"`` → (1, 8, 8), ``"28x28x3"`` → (3, 28, 28)."""
    return _parse(text)[0]


def suggest_image_shape(n_pixels: int) -> tuple[int, int, int] | None:
    """A square image shape for ``n_pixels`` numbers per row, or None.

    k² → one grey channel (1, k, k) (64 → 8×8, 784 → 28×28); 3·k² → RGB (3, k, k) (3072 → 32×32); only for sides
    of at least :data:`MIN_SIDE`.
    """
    for channels in (1, 3):
        if n_pixels % channels:
            continue
        side = math.isqrt(n_pixels // channels)
        if side >= MIN_SIDE and side * side * channels == n_pixels:
            return channels, side, side
    return None


def reshape_to_images(x: Any, shape: str | tuple[int, int, int], *, layout: str = "chw") -> np.ndarray:
    """Rows of pixel values (N×P) as images N×C×H×W.

    ``shape`` is a text (its written order is the pixel order, see the module notes) or a (C, H, W) tuple whose
    pixels are ordered as ``layout`` says. The result is a view of ``x`` when no reordering is needed.
    """
    if isinstance(shape, str):
        (c, h, w), layout = _parse(shape)
    else:
        if layout not in LAYOUTS:
            raise ConfigError(f"reshape_to_images: layout expected 'chw' or 'hwc', received {layout!r}.",
                              param="layout")
        try:
            c, h, w = (int(d) for d in shape)
        except (TypeError, ValueError) as error:
            raise ConfigError(f"reshape_to_images: shape expected (channels, height, width), received {shape!r}.",
                              param="image_shape") from error
    x = np.asarray(x)
    if x.ndim != 2:
        raise ShapeError(f"reshape_to_images: expected rows of pixels (samples, pixels), received shape "
                         f"{tuple(x.shape)}.", param="x")
    if x.shape[1] != c * h * w:
        raise ShapeError(f"an image of shape {c}×{h}×{w} (channels×height×width) needs {c * h * w} pixel values per "
                         f"row, received {x.shape[1]}.", param="image_shape")
    if layout == "chw":
        return x.reshape(-1, c, h, w)
    return np.ascontiguousarray(x.reshape(-1, h, w, c).transpose(0, 3, 1, 2))


def _pillow() -> Any:
    """PIL.Image, or a ConfigError saying how to install it."""
    try:
        from PIL import Image
    except ImportError as error:
        raise ConfigError("reading image files needs Pillow, an optional extra: pip install "
                          "'nn-training-studio[images]' (or pip install Pillow).", param="images") from error
    return Image


def _class_files(root: Path) -> dict[str, list[Path]]:
    """Image files per class folder, both sorted by name; DataError when the layout is not usable."""
    if not root.is_dir():
        raise DataError(f"expected a folder with one subfolder per class, received {str(root)!r}, which is not a "
                        "folder.", file=str(root))
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    found = {f.name: sorted(p for p in f.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
             for f in folders}
    if len(found) < 2:
        raise DataError(f"expected one subfolder per class (at least two) in {str(root)!r}, found {len(found)}: "
                        f"{', '.join(found) or 'none'}.", file=str(root))
    empty = [name for name, files in found.items() if not files]
    if empty:
        raise DataError(f"class folder {empty[0]!r} holds no image files ({', '.join(IMAGE_SUFFIXES)}); every "
                        "class needs images.", file=str(root / empty[0]))
    return found


def _check_size(value: int | tuple[int, int] | None) -> tuple[int, int] | None:
    """``size`` as (height, width), or None to take the most common size."""
    if value is None:
        return None
    pair = (value, value) if isinstance(value, int | np.integer) else tuple(value) if isinstance(value, tuple | list) \
        else ()
    if len(pair) != 2 or not all(isinstance(v, int | np.integer) and not isinstance(v, bool) and v > 0
                                 for v in pair):
        raise ConfigError(f"image size expected a positive integer or (height, width), received {value!r}.",
                          param="size")
    return int(pair[0]), int(pair[1])


def load_image_folder(path: str | Path, *, size: int | tuple[int, int] | None = None,
                      grayscale: bool | None = None) -> Dataset:
    """Images in one subfolder per class as a classification Dataset with x of shape N×C×H×W in [0, 1] (float32).

    Classes are the subfolder names, sorted; samples come class by class, files sorted by name. Files whose ending
    is not an image type are ignored. Every image is resized (bilinear) to ``size`` — (height, width) or one number
    for a square — by default the most common size in the folder. ``grayscale`` None keeps colour only when some
    image has it (grey → 1 channel, colour → 3; alpha is dropped). Pixel values 0–255 are scaled to [0, 1].

    An unreadable image file is not skipped silently: a DataError lists every such file, so the data set the user
    trains on is the one in the folder.
    """
    Image = _pillow()
    target = _check_size(size)
    root = Path(path)
    per_class = _class_files(root)
    files = [(index, file) for index, name in enumerate(per_class) for file in per_class[name]]
    errors = (OSError, ValueError, Image.DecompressionBombError)
    sizes, modes, bad = [], set(), {}
    for _, file in files:
        try:
            with Image.open(file) as image:  # reads the header only
                sizes.append((image.height, image.width))
                modes.add(image.mode)
        except errors as error:
            bad[file] = error
    height, width = target or (Counter(sizes).most_common(1)[0][0] if sizes else (1, 1))
    grey = all(m in _GREY_MODES for m in modes) if grayscale is None else bool(grayscale)
    channels = 1 if grey else 3
    x = np.empty((len(files), height, width, channels), dtype=np.uint8)
    for i, (_, file) in enumerate(files):
        if file in bad:
            continue
        try:
            with Image.open(file) as image:
                picture = image.convert("L" if grey else "RGB")  # decodes the whole file
        except errors as error:
            bad[file] = error
            continue
        if picture.size != (width, height):
            picture = picture.resize((width, height), Image.Resampling.BILINEAR)
        x[i] = np.asarray(picture).reshape(height, width, channels)
    if bad:
        listed = [f"{file.relative_to(root)} ({type(error).__name__})" for file, error in bad.items()]
        more = f" and {len(listed) - _LISTED} more" if len(listed) > _LISTED else ""
        raise DataError(f"{len(listed)} image file(s) could not be read: {', '.join(listed[:_LISTED])}{more}; "
                        "remove or replace them.", file=str(next(iter(bad))))
    pixels = x.transpose(0, 3, 1, 2).astype(np.float32)
    pixels /= np.float32(255)
    names = [f"pixel_{r}_{c}" for r in range(height) for c in range(width)]
    if not grey:
        names = [f"{band}_{n.removeprefix('pixel_')}" for band in ("red", "green", "blue") for n in names]
    y = np.fromiter((index for index, _ in files), dtype=np.int64, count=len(files))
    return Dataset(pixels, y, names, "class", "binary" if len(per_class) == 2 else "multiclass", list(per_class),
                   name=root.name, source=str(root))
