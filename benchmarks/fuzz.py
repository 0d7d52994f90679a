"""A fuzz campaign: planctl's CLI on thousands of mutated sample files, in-process.

Every sample kind (CSV submissions, workbooks, the targets file, the plan's text) is mutated
as tests/test_fuzz.py mutates it (bytes flipped, inserted and deleted, lines repeated, files
cut short), from a seed, so a run can be repeated. Each input must end in exit 0, 1 or 2,
without "internal error" or a traceback, within a time limit (a hang is a failure). Prints
how many inputs ran, their exit codes and every failure with the edits that made it.

    python benchmarks/fuzz.py --runs 1000 --seed 15      # 1000 inputs of each kind
"""

from __future__ import annotations

import argparse
import collections
import random
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_fuzz import SAMPLES, run_mutated

_SPECIAL = [b'"', b",", b"\n", b"\r", b"\t", b";", b"#", b"%", b"-", b"{", b"[", b":", b"\x00"]


class _Hang(Exception):
    pass


def _edits(rng: random.Random) -> list[tuple[str, int, int, bytes]]:
    edits = []
    for _ in range(rng.randint(1, 8)):
        what = rng.choice(["flip", "insert", "delete", "repeat", "truncate"])
        special = rng.random() < 0.5
        inserted = rng.choice(_SPECIAL) if special else rng.randbytes(rng.randint(0, 40))
        edits.append((what, rng.randrange(2**20), rng.randrange(400), inserted))
    return edits


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500, help="inputs of each kind")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--timeout", type=int, default=30, help="seconds an input may take")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    has_alarm = hasattr(signal, "SIGALRM")
    if has_alarm:
        signal.signal(signal.SIGALRM, _alarm)
    failures: list[str] = []
    codes: dict[str, collections.Counter[int]] = {}
    slowest = 0.0
    start = time.monotonic()
    for kind, samples in sorted(SAMPLES.items()):
        codes[kind] = collections.Counter()
        for _ in range(options.runs):
            sample = rng.choice(samples)
            edits = _edits(rng)
            began = time.monotonic()
            if has_alarm:
                signal.alarm(options.timeout)
            try:
                codes[kind][run_mutated(kind, sample, edits)] += 1
            except _Hang:
                hang = f"no answer in {options.timeout} s"
                failures.append(f"{kind} {sample.name}: {hang}: {edits!r}")
            except AssertionError as exc:
                failures.append(f"{kind} {sample.name}: {str(exc)[:1500]}")
            finally:
                if has_alarm:
                    signal.alarm(0)
            slowest = max(slowest, time.monotonic() - began)
    total = sum(sum(counter.values()) for counter in codes.values()) + len(failures)
    print(f"{total} inputs in {time.monotonic() - start:.0f} s; slowest {slowest:.1f} s")
    for kind, counter in codes.items():
        print(f"  {kind}: " + ", ".join(f"exit {c}: {n}" for c, n in sorted(counter.items())))
    print(f"{len(failures)} failure(s)")
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
