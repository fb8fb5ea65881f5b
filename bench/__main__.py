"""Run the benchmarks: `python -m bench [NAME …]` (all by default), `python -m bench --list`.

Prints each result and exits with status 1 when any misses its target or one of its checks.
"""

import argparse
import importlib
import sys
import time
import traceback

from bench.harness import django_environment

# Name → module with `run() -> bench.harness.Result`. One line per benchmark.
BENCHMARKS = {
    "api-list": "bench.api_list",
    "results": "bench.results",
    "export": "bench.export",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(BENCHMARKS))
    parser.add_argument("--list", action="store_true", help="name the benchmarks and stop")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(BENCHMARKS))
        return 0
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)} (known: {', '.join(BENCHMARKS)})")

    missed = []
    with django_environment():
        for name in args.names or BENCHMARKS:
            started = time.monotonic()
            try:
                result = importlib.import_module(BENCHMARKS[name]).run()
            except Exception:
                # A benchmark that breaks counts as missed; the others still run.
                traceback.print_exc()
                print(f"{name}: ERROR")
                missed.append(name)
                continue
            print(result.report())
            print(f"  ({time.monotonic() - started:.0f} s)", flush=True)
            if not result.passed:
                missed.append(name)
    if missed:
        print(f"Missed: {', '.join(missed)}")
        return 1
    print("Every target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
