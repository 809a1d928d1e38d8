"""Random small tables written with random dialects read back equal (property-based)."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.data.reader import read_csv

WORDS = ("red", "green", "blue", "北京", "上海", "Zürich")


@st.composite
def tables(draw):
    rows = draw(st.integers(3, 25))
    n_num = draw(st.integers(1, 3))
    n_cat = draw(st.integers(1 if n_num == 1 else 0, 2))  # two columns at least: one has no delimiter
    columns = {}
    for j in range(n_num):
        ints = draw(st.booleans())
        values = draw(st.lists(st.integers(-10**6, 10**6) if ints else
                               st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3)),
                               min_size=rows, max_size=rows))
        columns[f"num_{j}"] = values
    for j in range(n_cat):
        columns[f"cat_{j}"] = draw(st.lists(st.sampled_from(WORDS), min_size=rows, max_size=rows))
    return pd.DataFrame(columns)


@st.composite
def dialects(draw):
    decimal = draw(st.sampled_from([".", ","]))
    delimiter = draw(st.sampled_from([";", "\t", "|"] if decimal == "," else [",", ";", "\t", "|"]))
    return {"delimiter": delimiter, "decimal": decimal, "quote_all": draw(st.booleans()),
            "encoding": draw(st.sampled_from(["utf-8", "gbk", "utf-8-sig"])),
            "end": draw(st.sampled_from(["\n", "\r\n"]))}


def render(frame: pd.DataFrame, d: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=d["delimiter"], lineterminator=d["end"],
                        quoting=csv.QUOTE_ALL if d["quote_all"] else csv.QUOTE_MINIMAL)
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow([repr(v).replace(".", d["decimal"]) if isinstance(v, float) else str(v) for v in row])
    return buffer.getvalue().encode(d["encoding"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frame=tables(), dialect=dialects())
def test_random_tables_read_back_equal(tmp_path, frame, dialect):
    path = tmp_path / "t.csv"
    path.write_bytes(render(frame, dialect))
    result = read_csv(path)
    used = result.options_used
    assert (used.delimiter, used.header) == (dialect["delimiter"], True)
    fractions = [v for c in frame.columns if frame[c].dtype.kind == "f" for v in frame[c] if v % 1]
    if fractions:  # the decimal mark shows only in numbers with a fractional part
        assert used.decimal == dialect["decimal"]
    got = result.frame
    assert list(got.columns) == list(frame.columns)
    for name in frame.columns:
        if name.startswith("num"):
            np.testing.assert_allclose(got[name].to_numpy(float), frame[name].to_numpy(float), rtol=1e-12)
        else:
            assert got[name].tolist() == frame[name].tolist()
