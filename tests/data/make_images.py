"""Generate the tiny image folder tests/data/images/shapes/: one subfolder per class, grey PNG files.

Run from the repository root: ``python -m tests.data.make_images`` (needs Pillow). Two classes, ``circle`` and
``square``, three 12×12 drawings each at shifted positions; one square is 10×14 so that loading must resize it,
and a ``README.txt`` in a class folder must be ignored. The files are small and committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent / "images" / "shapes"


def drawing(kind: str, offset: int, size: tuple[int, int] = (12, 12)) -> Image.Image:
    """A white circle or square on black, its top-left corner at (offset + 2, offset + 2); size is (w, h)."""
    image = Image.new("L", size, 0)
    box = (offset + 2, offset + 2, offset + 8, offset + 8)
    draw = ImageDraw.Draw(image)
    if kind == "circle":
        draw.ellipse(box, fill=255)
    else:
        draw.rectangle(box, fill=255)
    return image


def main() -> None:
    for kind in ("circle", "square"):
        folder = OUT / kind
        folder.mkdir(parents=True, exist_ok=True)
        for offset in range(3):
            size = (14, 10) if (kind, offset) == ("square", 2) else (12, 12)
            drawing(kind, offset, size).save(folder / f"{kind}_{offset}.png", optimize=True)
    (OUT / "circle" / "README.txt").write_text("Not an image: load_image_folder ignores this file.\n")


if __name__ == "__main__":
    main()
