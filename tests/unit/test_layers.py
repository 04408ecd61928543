"""The import rule: which layer may import which (pyproject.toml's [tool.importlinter]).
Entry points sit on top and nothing imports them; the domain sits at the bottom and imports
nothing of ours. The suite runs the same check as `make lint`, so CI keeps it."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_import_points_inward():
    check = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-2000:]
    assert "1 kept, 0 broken" in check.stdout
