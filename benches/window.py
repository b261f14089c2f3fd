#!/usr/bin/env python3
"""The window against the command line on one folder: load time, and a change of strictness,
read afresh and reopened.

    cargo build --release
    python3 benches/window.py ../shared/data/baly2020-2018 [--runs 5]

Runs `parallax align DIR --json` and `parallax DIR --measure-load` (the real window: it prints
how long it took from launch to showing the folder's events, then changes the strictness as
the slider does and prints how long the new events took) --runs times each, alternating, twice:
cold (an empty cache directory for every run, and `align --no-cache`) and reopened (a cache
directory filled by one run first, copied afresh for every run, since the window's change of
strictness keeps its own alignment there). Prints the medians and the window's load time as a multiple
of the command line's. Every window run starts from a fresh home (no remembered folder, theme or
strictness). Without a DISPLAY it starts Xvfb (apt-get install xvfb) on a free display.
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("folder")
ap.add_argument("--bin", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "parallax"))
ap.add_argument("--runs", type=int, default=5)
args = ap.parse_args()

env = dict(os.environ)
xvfb = None
if not env.get("DISPLAY"):
    env["DISPLAY"] = ":94"
    xvfb = subprocess.Popen(["Xvfb", env["DISPLAY"], "-screen", "0", "1400x900x24"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2)
scratch = tempfile.mkdtemp(prefix="parallax-window-")


def measure(warm):
    """(align, window, strictness change) times of --runs runs, cold or reopened."""
    primed = os.path.join(scratch, "primed")
    if warm:
        subprocess.run([args.bin, "align", args.folder, "--json"], env=dict(env, XDG_CACHE_HOME=primed), stdout=subprocess.DEVNULL, check=True)
    align, window, realign = [], [], []
    def cache():
        if not warm:
            return tempfile.mkdtemp(dir=scratch)
        copy = tempfile.mkdtemp(dir=scratch)
        shutil.copytree(primed, copy, dirs_exist_ok=True)
        return copy

    for run in range(args.runs):
        home = tempfile.mkdtemp(dir=scratch)
        t0 = time.perf_counter()
        subprocess.run([args.bin, "align", args.folder, "--json"] + ([] if warm else ["--no-cache"]), env=dict(env, XDG_CACHE_HOME=cache()), stdout=subprocess.DEVNULL, check=True)
        align.append(time.perf_counter() - t0)
        out = subprocess.run([args.bin, args.folder, "--measure-load"], env=dict(env, HOME=home, XDG_CACHE_HOME=cache()), capture_output=True, text=True, timeout=600)
        loaded = re.search(r"window: ([\d.]+) s", out.stdout)
        changed = re.search(r"strictness change: ([\d.]+) s", out.stdout)
        if not (loaded and changed):
            sys.exit(f"the window did not report its times:\n{out.stdout}\n{out.stderr[-1000:]}")
        window.append(float(loaded[1]))
        realign.append(float(changed[1]))
    return align, window, realign


try:
    results = [(name, measure(warm)) for name, warm in (("cold", False), ("reopened", True))]
finally:
    if xvfb:
        xvfb.terminate()
    shutil.rmtree(scratch, ignore_errors=True)

listed = lambda xs: ", ".join(f"{x:.2f}" for x in xs)
for name, (align, window, realign) in results:
    a, w, r = (statistics.median(x) for x in (align, window, realign))
    print(f"{name}:")
    print(f"  align --json   median {a:.2f} s  ({listed(align)})")
    print(f"  window load    median {w:.2f} s  ({listed(window)})  = {w / a:.2f}x align")
    print(f"  strictness     median {r:.2f} s  ({listed(realign)})")
