"""Generate small messy CSV files into tests/data/messy/, one per quirk, each with a clean twin.

Run from the repository root: ``python -m tests.data.make_messy``. ``NAME.csv`` is the messy file;
``NAME.clean.csv`` (when the file is readable at all) holds the same table as plain UTF-8, comma-separated, with a
header, LF line endings, a decimal point and empty cells for missing values. The files are small and committed.
"""

from __future__ import annotations

import csv
import gzip
import io
import random
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parent / "messy"
Row = list[object]


def base_table(names: tuple[str, ...] = ("ID", "height", "weight", "city", "smoker", "label"),
               cities: tuple[str, ...] = ("Paris", "Berlin", "Rome"), yes_no: tuple[str, str] = ("yes", "no"),
               labels: tuple[str, ...] = ("cat", "dog"), rows: int = 30, seed: int = 0) -> tuple[list[str], list[Row]]:
    """An ID, a float, an integer, a category, a yes/no column and a label."""
    rng = random.Random(seed)
    body = [[i + 1, round(rng.uniform(150, 190), 2), rng.randint(45, 95), rng.choice(cities), rng.choice(yes_no),
             labels[i % len(labels)]] for i in range(rows)]
    return list(names), body


def cell(value: object, decimal: str = ".", thousands: str = "") -> str:
    """How a value is written: None as empty, floats with the given marks."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:,.2f}" if thousands else repr(value)
        return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
    return str(value)


def write_text(header: list[str] | None, rows: list[Row], *, sep: str = ",", end: str = "\n", decimal: str = ".",
               thousands: str = "", quote_all: bool = False, missing: Callable[[int, int], str] | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator=end,
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    if header is not None:
        writer.writerow(header)
    for i, row in enumerate(rows):
        cells = [cell(v, decimal, thousands) for v in row]
        if missing is not None:
            cells = [missing(i, j) if v is None else c for j, (v, c) in enumerate(zip(row, cells, strict=True))]
        writer.writerow(cells)
    return buffer.getvalue()


def clean(header: list[str], rows: list[Row]) -> bytes:
    return write_text(header, rows).encode("utf-8")


def quirks() -> dict[str, tuple[bytes, bytes | None]]:
    """name -> (messy bytes, clean twin bytes or None for files that are not data)."""
    files: dict[str, tuple[bytes, bytes | None]] = {}
    h, r = base_table()
    plain = write_text(h, r)

    zh_h, zh_r = base_table(("编号", "身高", "体重", "城市", "吸烟", "标签"), ("北京", "上海", "广州"), ("是", "否"),
                            ("猫", "狗", "鸟"))
    files["gbk_chinese"] = (write_text(zh_h, zh_r, end="\r\n").encode("gbk"), clean(zh_h, zh_r))
    tw_h, tw_r = base_table(("編號", "身高", "體重", "城市", "吸菸", "類別"), ("臺北", "高雄", "臺中"), ("是", "否"),
                            ("貓", "狗"))
    files["big5"] = (write_text(tw_h, tw_r).encode("big5"), clean(tw_h, tw_r))
    files["utf8_bom"] = (plain.encode("utf-8-sig"), plain.encode())
    files["utf16_tab"] = (write_text(h, r, sep="\t", end="\r\n").encode("utf-16"), plain.encode())
    eu_h, eu_r = base_table(cities=("Málaga", "Zürich", "São Paulo"), labels=("oui", "non", "peut-être"))
    files["cp1252_accents"] = (write_text(eu_h, eu_r).encode("cp1252"), clean(eu_h, eu_r))
    files["semicolon_decimal_comma"] = (write_text(h, r, sep=";", decimal=",").encode(), plain.encode())
    files["tab"] = (write_text(h, r, sep="\t").encode(), plain.encode())
    files["pipe"] = (write_text(h, r, sep="|").encode(), plain.encode())
    files["space"] = (write_text(h, r, sep=" ").encode(), plain.encode())
    numbers = [[round(v * 0.37 + k, 3) for k, v in enumerate(row[1:3])] + [row[2] % 3] for row in r]
    files["no_header"] = (write_text(None, numbers).encode(),
                          clean(["column_1", "column_2", "column_3"], numbers))
    ids = [[f"K{7 * i + 1000:05d}", *row[1:]] for i, row in enumerate(r)]
    files["id_column"] = (write_text(["customer", *h[1:]], ids).encode(), clean(["customer", *h[1:]], ids))
    indexed = [[i, *row[1:]] for i, row in enumerate(r)]
    files["index_column"] = (write_text(["", *h[1:]], indexed).encode(), clean(["", *h[1:]], indexed))
    markers = ("NA", "?", "N/A", "-", ".", "null", "None", "NaN", "na", "")
    holes = [[None if i % 3 == 1 and j == i // 3 % 4 + 1 else v for j, v in enumerate(row)] for i, row in enumerate(r)]
    files["na_markers"] = (write_text(h, holes, missing=lambda i, j: markers[i // 3 % len(markers)]).encode(),
                           clean(h, holes))
    big = [[row[0], round(row[1] * 997.3, 2), *row[2:]] for row in r]
    files["quoted_thousands"] = (write_text(h, big, thousands=",", quote_all=True).encode(), clean(h, big))
    files["european_thousands"] = (write_text(h, big, sep=";", decimal=",", thousands=".").encode(), clean(h, big))
    files["crlf"] = (write_text(h, r, end="\r\n").encode(), plain.encode())
    files["cr_only"] = (write_text(h, r, end="\r").encode(), plain.encode())
    files["blank_trailing_lines"] = ((plain + "\n\n  \n\n").encode(), plain.encode())
    lines = write_text(h, r, sep=";").splitlines(keepends=True)
    excel = "".join(lines[:5] + [";;;;;\n"] + lines[5:] + [";;;;;\n"] * 3)
    files["excel_empty_rows"] = (excel.encode(), plain.encode())
    files["title_lines"] = (("Export of table 'people'\n\n" + plain).encode(), plain.encode())
    ragged = plain.splitlines(keepends=True)
    ragged[4] = ragged[4].rstrip("\n") + ",extra\n"
    files["ragged_row"] = ("".join(ragged).encode(), clean(h, r[:3] + r[4:]))
    files["empty"] = (b"", None)
    files["header_only"] = ((",".join(h) + "\n").encode(), None)
    files["gzip_named_csv"] = (gzip.compress(plain.encode(), mtime=0), None)
    files["binary"] = (bytes(range(256)) * 8, None)
    return files


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.csv"):
        old.unlink()
    for name, (messy, twin) in quirks().items():
        (OUT / f"{name}.csv").write_bytes(messy)
        if twin is not None:
            (OUT / f"{name}.clean.csv").write_bytes(twin)
    print(f"wrote {len(list(OUT.glob('*.csv')))} files to {OUT}")


if __name__ == "__main__":
    main()
