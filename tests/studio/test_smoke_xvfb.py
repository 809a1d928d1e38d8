"""One real window under Xvfb: ``python -m studio --demo xor --screenshot`` on the xcb platform."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.xvfb


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed (`make system` installs it)")
def test_the_studio_opens_a_real_window_and_saves_a_screenshot(tmp_path: Path) -> None:
    target = tmp_path / "smoke.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", sys.executable, "-m", "studio", "--demo", "xor",
         "--size", "1000x700", "--screenshot", str(target)],
        env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    image = QImage(str(target))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1000, 700)
    colours = {image.pixel(x, y) for x in range(0, 1000, 20) for y in range(0, 700, 20)}
    assert len(colours) > 5, "the screenshot is blank"
