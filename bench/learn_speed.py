"""`cleanwire learn` over the learnset, this tree against an earlier commit.

    python -m bench.learn_speed [--baseline REF] [--rounds 2] [--outlet ID ...]

Checks REF out into a temporary git worktree, then, in turns and --rounds times,
learns every outlet of ../shared/learnset from its learn pages (pages 1-6 of each
era) with REF's code and with this tree's, each `cleanwire learn` a process of
its own as a user runs it. Prints, per side and round, the wall time and the
processor time (user + system) the learn processes took, and the ratio baseline /
this tree of the medians. Processor time moves less with the machine's load than
wall time, which other work on a shared machine can double. Both sides run on the
pure-Python path (``CLEANWIRE_NATIVE=0``): the baseline's checkout has no built
core. It also says whether both sides wrote the same rule files (a learner that
changed writes others).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEARNSET = ROOT.parent / "shared" / "learnset"
LEARN_PAGES = range(0, 6)  # places in each era of ten pages that are learned from


def learn_pages(outlet: Path, into: Path) -> Path:
    """A folder with the outlet's learn pages, as `cleanwire learn` reads them."""
    folder = into / outlet.name
    folder.mkdir()
    for page in outlet.glob("*.txt"):
        if (int(page.stem) - 1) % 10 in LEARN_PAGES:
            shutil.copy(page, folder / page.name)
    return folder


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def learn_all(src: Path, folders: list[Path], out: Path) -> tuple[float, float]:
    """(wall seconds, processor seconds) to learn every folder with the code in ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src), "CLEANWIRE_NATIVE": "0"}
    wall, cpu = time.perf_counter(), children_cpu()
    for folder in folders:
        command = [sys.executable, "-m", "cleanwire", "learn", str(folder), "--outlet", folder.name]
        subprocess.run([*command, "-o", str(out / f"{folder.name}.yaml")], env=env, check=True, capture_output=True)
    return time.perf_counter() - wall, children_cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default="HEAD~1", help="the commit to compare with (default HEAD~1)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--outlet", action="append", help="only these outlets (default: all nine)")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="cleanwire-learn-speed-"))
    baseline = scratch / "baseline"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(baseline), args.baseline], check=True, capture_output=True)
    try:
        pages = scratch / "pages"
        pages.mkdir()
        outlets = sorted(p for p in (LEARNSET / "pages").iterdir() if not args.outlet or p.name in args.outlet)
        folders = [learn_pages(outlet, pages) for outlet in outlets]
        sides = {"baseline": baseline / "src", "this tree": ROOT / "src"}
        outs = {name: scratch / ("rules-" + name.replace(" ", "-")) for name in sides}
        for out in outs.values():
            out.mkdir()
        figures: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
        print(f"learning {len(folders)} outlets ({sum(len(list(f.iterdir())) for f in folders)} pages); load {os.getloadavg()[0]:.2f}")
        for round_number in range(1, args.rounds + 1):
            for name, src in sides.items():
                wall, cpu = learn_all(src, folders, outs[name])
                figures[name].append((wall, cpu))
                print(f"  round {round_number} {name:<10} wall {wall:7.1f} s  processor {cpu:7.1f} s")
        same = all((outs["baseline"] / f.name).read_bytes() == (outs["this tree"] / f.name).read_bytes() for f in outs["baseline"].iterdir())
        medians = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)) for name, runs in figures.items()}
        (base_wall, base_cpu), (wall, cpu) = medians["baseline"], medians["this tree"]
        print(f"baseline {args.baseline} / this tree: wall {base_wall / wall:.2f}x, processor {base_cpu / cpu:.2f}x faster")
        print("rule files: " + ("the same on both sides" if same else "not the same on both sides"))
        return 0
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(baseline)], capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
