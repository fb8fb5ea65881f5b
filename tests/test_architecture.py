"""The dependency direction of shared/architecture.md holds (import-linter contracts in
pyproject.toml): core imports no domain app, applicants neither awards nor programs, awards and
programs not each other, and no domain app the API or the front end."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken." in result.stdout


def test_no_module_of_the_apps_over_400_lines():
    """Small modules: an app's code is split by concern before a module grows past ~400 lines.
    Demo data tables (the seed report's facilities and products) are data, not code."""
    data_modules = {"applicants/demo/facilities.py", "awards/demo/entries.py"}
    long_modules = [
        f"{path.relative_to(ROOT)}: {lines}"
        for package in (
            "config",
            "core",
            "applicants",
            "awards",
            "programs",
            "notifications",
            "api",
            "portal",
        )
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
        and str(path.relative_to(ROOT)) not in data_modules
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > 420
    ]
    assert long_modules == []
