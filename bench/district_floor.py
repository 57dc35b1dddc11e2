"""The district import beside its floor, without seeding a million workers first.

    python bench/district_floor.py --keep DIR [--villages 232] [--batches 10] [--json]

What `bench/run.py --only scale` measures of the district: the first import of one round of
batches (one from each village) and of all rounds, and importing them again, each beside
verify + decrypt (+ insert) of the same files. The batches are made once under DIR (or taken
from a `--keep` folder of `bench/run.py`, whose `usb-232x10/` and `district-keys/` they are).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, required=True, help="batches are kept here")
    parser.add_argument("--villages", type=int, default=232)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="one JSON object per measurement")
    args = parser.parse_args()
    run.AS_JSON = args.json
    args.keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        run.bench_district_floor(args.keep, Path(scratch), args.villages, args.batches)
    if not args.json:
        run.print_table()


if __name__ == "__main__":
    main()
