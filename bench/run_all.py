"""Run every bench/bench_*.py in turn, each as its own process.

Usage: .venv/bin/python bench/run_all.py [--quick]

``--quick`` is passed on to each benchmark. A benchmark that fails does not stop the others;
the exit status is that of the first failure (0 if none).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TIMEOUT_SECONDS = 15 * 60


def main(argv: list[str]) -> int:
    extra = ["--quick"] if "--quick" in argv else []
    status = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"=== {script.name} {' '.join(extra)}".rstrip(), flush=True)
        began = time.perf_counter()
        try:
            code = subprocess.run(
                [sys.executable, str(script), *extra], timeout=TIMEOUT_SECONDS
            ).returncode
        except subprocess.TimeoutExpired:
            code = 124
        print(
            f"=== {script.name}: exit {code} after {time.perf_counter() - began:.0f} s", flush=True
        )
        status = status or code
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
