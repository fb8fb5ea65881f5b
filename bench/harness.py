"""What the benchmarks share: Django on a throwaway database, interleaved timing, the result.

A benchmark is a module with `run() -> Result`, listed in bench.__main__.BENCHMARKS. It builds
its data inside `throwaway_database()`, times the product and a baseline with `interleaved()`,
takes their `paired_ratio()` and returns it with its target, the absolute figures, and any check
that must also hold (a query count, the same rows on both sides).
"""

import contextlib
import operator
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

OPERATORS = {"<=": operator.le, ">=": operator.ge}


@dataclass
class Check:
    """Something besides the ratio that must hold, e.g. "same query count for 10 and 100 rows"."""

    name: str
    ok: bool
    detail: str


@dataclass
class Result:
    name: str
    ratio: float
    op: str  # a key of OPERATORS: the ratio must be `op` the target
    target: float
    figures: dict[str, str]  # the absolute numbers behind the ratio, as printed
    checks: list[Check] = field(default_factory=list)

    @property
    def ratio_ok(self) -> bool:
        # Judged as printed, to two decimals: "4.00 (target <= 4.0)" is met, never missed.
        return OPERATORS[self.op](round(self.ratio, 2), self.target)

    @property
    def passed(self) -> bool:
        return self.ratio_ok and all(check.ok for check in self.checks)

    def report(self) -> str:
        missed = "" if self.ratio_ok else "  MISSED"
        lines = [f"{self.name}: {self.ratio:.2f} (target {self.op} {self.target}){missed}"]
        lines += [f"  {label}: {value}" for label, value in self.figures.items()]
        lines += [
            f"  {'ok' if check.ok else 'FAILED'}: {check.name} ({check.detail})"
            for check in self.checks
        ]
        return "\n".join(lines)


@contextlib.contextmanager
def django_environment() -> Iterator[None]:
    """Django set up on bench.settings, with VAR_DIR a temporary directory removed afterwards.

    VAR_DIR must be in the environment before the settings load: config.settings reads it (and
    DATABASE_URL) once, at import."""
    with tempfile.TemporaryDirectory(prefix="khuyencong-bench-") as var_dir:
        os.environ["VAR_DIR"] = var_dir
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        import django

        django.setup()
        yield


@contextlib.contextmanager
def throwaway_database() -> Iterator[None]:
    """A new, migrated database for the duration of one benchmark, dropped afterwards.

    The test runner's own machinery does it (create_test_db), so SQLite and PostgreSQL work
    alike; the names come from bench.settings (DATABASES["default"]["TEST"])."""
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def database_description() -> str:
    """The database the benchmark runs on, for its figures: "SQLite 3.40.1", "PostgreSQL 15.20"."""
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version} (a file in the temporary directory)"
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        return f"PostgreSQL {major}.{minor}"
    return connection.display_name


def interleaved(
    product: Callable[[], object], baseline: Callable[[], object], *, warmup: int, samples: int
) -> tuple[list[float], list[float]]:
    """Seconds per call of `product` and of `baseline`, `samples` calls each after `warmup`.

    The two take turns, in alternating order (p b, b p, p b …), so that whatever else the
    machine does meanwhile (another process, a change of clock speed, a garbage collection)
    lands on both sides alike instead of on one batch. The n-th times of the two lists were
    measured back to back: see paired_ratio()."""
    for _ in range(warmup):
        product()
        baseline()
    times: dict[Callable, list[float]] = {product: [], baseline: []}
    for n in range(samples):
        for call in (product, baseline) if n % 2 == 0 else (baseline, product):
            started = time.perf_counter()
            call()
            times[call].append(time.perf_counter() - started)
    return times[product], times[baseline]


def paired_ratio(product: list[float], baseline: list[float]) -> float:
    """The median of product[n] / baseline[n]: each pair ran back to back, under the same load.

    On a shared machine this moves less from run to run than the ratio of the two medians,
    because a busy spell raises both times of a pair instead of one side's median."""
    return statistics.median(p / b for p, b in zip(product, baseline, strict=True))


def ms(seconds: list[float]) -> str:
    """The median and the fastest of timings, in milliseconds."""
    return f"{statistics.median(seconds) * 1000:.2f} ms median, {min(seconds) * 1000:.2f} ms min"
