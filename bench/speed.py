"""Speed and memory of `scorer check` against proselint, on the same inputs, in one run.

    python bench/speed.py [--runs N] [--corpus-runs N] [--data DIR] [--skip-proselint]

Builds its inputs in bench/.cache/speed: the two seed articles repeated to about 1.3 MB,
the same at 1/16, 4/16 and 16/16 of that size (for growth), and the FNC-1 *train* bodies
of ../shared/data as a folder of ~1,680 article files (never the competition test split).
Installs proselint from PyPI into its own environment, bench/.cache/proselint-venv, the
first time. Every command runs in a child process, timed from outside: wall seconds
(median of the runs), CPU seconds, and the peak resident memory the kernel reports for the
child and its workers (`wait4`). This machine is shared and noisy; the ratios are measured
in one run, side by side.

Targets (the one budget for rules and models, issues 19-20): the 1.3 MB file at most
proselint's time and under 150 MB; one seed article end to end at most 2x proselint's time;
at least 100 FNC-1 articles/s in one process (`--jobs 1`); 16x the input at most 17x the
time; the corpus with `--jobs 2` at least 1.7x as fast as with `--jobs 1`.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache"
INPUTS = CACHE / "speed"
PROSELINT_VENV = CACHE / "proselint-venv"
PROSELINT_VERSION = "0.16.0"
SEEDS = sorted((ROOT / "examples").glob("*.txt"))
BIG = 1_300_000


@dataclass(frozen=True)
class Timing:
    wall: float  # median seconds
    cpu: float  # median user + system seconds, the child and its workers
    peak_mb: float  # the largest peak resident memory of any run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each timing (median)")
    parser.add_argument("--corpus-runs", type=int, default=3, help="runs over the corpus")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--skip-proselint", action="store_true", help="time scorer only")
    args = parser.parse_args(argv)

    scorer = [str(Path(sys.executable).with_name("scorer"))]
    check = [*scorer, "check", "--fail-on", "none"]
    inputs = build_inputs(args.data)
    proselint = None if args.skip_proselint else proselint_command()
    results: list[tuple[str, bool]] = []

    against = f"; proselint {PROSELINT_VERSION}" if proselint else ""
    print(f"{scorer_version(scorer)}{against}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each\n")

    print(f"1. the seeds repeated to {inputs['big'].stat().st_size / 1e6:.2f} MB")
    if proselint:
        # Taken in turns, so a machine that speeds up or slows down moves both alike.
        big, prose = measure_pair(
            [*check, str(inputs["big"])], [*proselint, str(inputs["big"])], args.runs
        )
        show("scorer check", big)
        show("proselint check", prose)
        ratio = big.wall / prose.wall
        print(f"   ratio scorer/proselint: {ratio:.2f} wall, {big.cpu / prose.cpu:.2f} CPU")
        results.append(("1.3 MB: at most proselint's time", ratio <= 1.0))
    else:
        big = measure([*check, str(inputs["big"])], args.runs)
        show("scorer check", big)
    results.append(("1.3 MB: peak memory under 150 MB", big.peak_mb < 150))

    print("\n2. one seed article, end to end")
    for seed in SEEDS:
        one = measure([*check, str(seed)], max(args.runs, 5))
        show(f"scorer check {seed.name}", one)
        if proselint:
            prose_one = measure([*proselint, str(seed)], max(args.runs, 5))
            show(f"proselint check {seed.name}", prose_one)
            met = one.wall <= 2 * prose_one.wall
            results.append((f"seed {seed.name}: at most 2x proselint's time", met))

    print("\n3. growth with input size")
    sizes = {name: measure([*check, str(inputs[name])], args.runs) for name in ("x1", "x4", "x16")}
    for name, timing in sizes.items():
        kb = inputs[name].stat().st_size / 1000
        show(f"scorer check {name} ({kb:,.0f} KB)", timing)
    growth = sizes["x16"].wall / sizes["x1"].wall
    quarter = sizes["x4"].wall / sizes["x1"].wall
    print(f"   16x the input took {growth:.1f}x the time (4x: {quarter:.1f}x)")
    results.append(("16x the input: at most 17x the time", growth <= 17))

    corpus = inputs.get("corpus")
    if corpus is None:
        print(f"\n4. corpus: skipped, no FNC-1 bodies under {args.data}")
    else:
        count = sum(1 for _ in corpus.iterdir())
        print(f"\n4. corpus: {count:,} FNC-1 article bodies, one file each")
        one_job, two_jobs = measure_pair(
            [*check, "--jobs", "1", str(corpus)],
            [*check, "--jobs", "2", str(corpus)],
            args.corpus_runs,
        )
        show("scorer check --jobs 1", one_job, count)
        show("scorer check --jobs 2", two_jobs, count)
        rate = count / one_job.wall
        print(f"   one process: {rate:,.0f} articles/s")
        results.append(("corpus: at least 100 articles/s in one process", rate >= 100))
        speedup = one_job.wall / two_jobs.wall
        print(f"   --jobs 2 is {speedup:.2f}x as fast as --jobs 1")
        results.append(("corpus: --jobs 2 at least 1.7x as fast", speedup >= 1.7))
        if proselint:
            files = sorted(str(p) for p in corpus.iterdir())
            show("proselint check (all files)", measure([*proselint, *files], 1), count)

    print("\ntargets")
    for name, met in results:
        print(f"   {'met    ' if met else 'NOT MET'}  {name}")
    return 0 if all(met for _, met in results) else 1


def build_inputs(data: Path) -> dict[str, Path]:
    """The benchmark's inputs, made once and kept in bench/.cache/speed."""
    INPUTS.mkdir(parents=True, exist_ok=True)
    seeds = [path.read_text(encoding="utf-8").strip() for path in SEEDS]
    found: dict[str, Path] = {}
    for name, size in (("big", BIG), ("x1", BIG // 16), ("x4", BIG // 4), ("x16", BIG)):
        path = found[name] = INPUTS / f"{name}.txt"
        if not path.exists():
            path.write_text(repeated(seeds, size), encoding="utf-8")
    corpus = INPUTS / "fnc1"
    sources = [data / "fnc1" / "train_bodies.csv"]  # the test split is never read
    if corpus.is_dir():
        found["corpus"] = corpus
    elif all(source.is_file() for source in sources):
        staging = INPUTS / "fnc1.partial"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        csv.field_size_limit(sys.maxsize)
        for source in sources:
            with source.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    body = row["articleBody"].strip()
                    if body:
                        name = f"{source.stem.split('_')[0]}-{int(row['Body ID']):05d}.txt"
                        (staging / name).write_text(body + "\n", encoding="utf-8")
        staging.rename(corpus)
        found["corpus"] = corpus
    return found


def repeated(articles: list[str], size: int) -> str:
    """The articles one after another, as paragraphs, until the text is `size` bytes."""
    parts: list[str] = []
    total = 0
    while total < size:
        article = articles[len(parts) % len(articles)]
        parts.append(article)
        total += len(article.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def proselint_command() -> list[str]:
    """proselint in its own environment, installed from PyPI the first time."""
    binary = PROSELINT_VENV / "bin" / "proselint"
    if not binary.exists():
        print(f"installing proselint {PROSELINT_VERSION} into {PROSELINT_VENV} ...")
        subprocess.run([sys.executable, "-m", "venv", str(PROSELINT_VENV)], check=True)
        pip = [str(PROSELINT_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, f"proselint=={PROSELINT_VERSION}"], check=True)
        # proselint builds a cache on its first run: not part of any timing.
        subprocess.run([str(binary), "check", str(SEEDS[0])], capture_output=True, check=False)
    return [str(binary), "check"]


def measure(command: list[str], runs: int) -> Timing:
    """Run `command` `runs` times after one warm-up run (file cache, bytecode)."""
    walls, cpus, peaks = [], [], []
    for attempt in range(runs + 1):
        wall, cpu, peak = run_once(command)
        if attempt:
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(peak)
    return Timing(statistics.median(walls), statistics.median(cpus), max(peaks))


def measure_pair(first: list[str], second: list[str], runs: int) -> tuple[Timing, Timing]:
    """Two commands run in turns, `runs` times each after a warm-up of each."""
    results: tuple[list[tuple[float, float, float]], ...] = ([], [])
    for attempt in range(runs + 1):
        for command, into in zip((first, second), results, strict=True):
            measured = run_once(command)
            if attempt:
                into.append(measured)
    a, b = (
        Timing(
            statistics.median(r[0] for r in rs),
            statistics.median(r[1] for r in rs),
            max(r[2] for r in rs),
        )
        for rs in results
    )
    return a, b


def run_once(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one run, from the kernel."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:4])} ... failed with exit code {child.returncode}")
    # ru_maxrss is in KB on Linux; for the child and the workers it waited for.
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def show(label: str, timing: Timing, articles: int | None = None) -> None:
    rate = f", {articles / timing.wall:,.0f} articles/s" if articles else ""
    print(
        f"   {label:42} {timing.wall:7.2f} s wall {timing.cpu:7.2f} s CPU"
        f" {timing.peak_mb:6.0f} MB peak{rate}"
    )


def scorer_version(scorer: list[str]) -> str:
    done = subprocess.run([*scorer, "--version"], capture_output=True, text=True, check=False)
    return " ".join(done.stdout.split())


if __name__ == "__main__":
    sys.exit(main())
