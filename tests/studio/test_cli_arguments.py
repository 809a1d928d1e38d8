"""``nn-train``'s number arguments: each refusal says what was expected and what was received, on one line."""

from __future__ import annotations

import pytest

from studio import cli


@pytest.mark.parametrize(("flag", "value", "message"), [
    ("--epochs", "0", "expected a whole number ≥ 1, received '0'"),
    ("--batch-size", "2.5", "expected a whole number ≥ 1, received '2.5'"),
    ("--lr", "fast", "expected a number > 0, received 'fast'"),
    ("--lr", "inf", "expected a finite number > 0, received 'inf'"),
    ("--lr", "nan", "expected a finite number > 0, received 'nan'"),
    ("--lr", "0", "expected a finite number > 0, received '0'"),
    ("--val-split", "1", "expected a number in [0, 1), received '1'"),
    ("--val-split", "half", "expected a number in [0, 1), received 'half'"),
])
def test_a_bad_number_is_refused_with_what_was_expected(capsys, tmp_path, flag, value, message) -> None:
    status = cli.main(["train", "builtin:xor", flag, value, "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err.strip()
    assert status == 2 and len(err.splitlines()) == 1
    assert err.endswith(message) and flag in err


@pytest.mark.parametrize(("flag", "value", "parsed"), [("--epochs", "3", 3), ("--lr", "0.5", 0.5),
                                                       ("--val-split", "0", 0.0)])
def test_a_good_number_is_parsed_to_its_type(flag, value, parsed) -> None:
    args = cli.build_parser().parse_args(["train", "builtin:xor", flag, value, "--out", "x"])
    result = getattr(args, flag[2:].replace("-", "_"))
    assert result == parsed and type(result) is type(parsed)
