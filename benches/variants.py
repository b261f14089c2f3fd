#!/usr/bin/env python3
"""Builds one release binary per value of each engine constant, for `quality.py --constants`.

    python3 benches/variants.py [--out target/variants] [--scale 0.75,1.25]

For every constant listed in CONSTANTS, and every factor of --scale, the constant's definition in
its source file is rewritten to its value times the factor, `cargo build --release` runs, and the
binary is copied to OUT/NAME=VALUE; the source file is then put back byte for byte (also when a
build fails or the script is interrupted). The default binary is copied to OUT/default.
Standard library only; runs one build at a time.
"""
import argparse, os, re, shutil, subprocess, sys

# The constants that decide what joins what, each scaled by the strictness or standing beside it.
CONSTANTS = {
    "STORY_THRESHOLD": "src/align/stories.rs",
    "POSITION_WEIGHT": "src/align/claims.rs",
    "LEDE_SUPPORT": "src/align/ledes.rs",
    "LEDE_TOPICALITY": "src/align/ledes.rs",
    "CONTEXT_WEIGHT": "src/align/mod.rs",
    "REUSE_CONTAINMENT": "src/align/reuse.rs",
    "ECHO_SIMILARITY": "src/align/reuse.rs",
}

ap = argparse.ArgumentParser()
ap.add_argument("--out", default="target/variants")
ap.add_argument("--scale", default="0.75,1.25")
args = ap.parse_args()
factors = [float(x) for x in args.scale.split(",")]
os.makedirs(args.out, exist_ok=True)


def build(dest):
    subprocess.run(["cargo", "build", "--release", "--quiet"], check=True)
    shutil.copy2("target/release/parallax", dest)


build(os.path.join(args.out, "default"))
for name, path in CONSTANTS.items():
    original = open(path, encoding="utf-8").read()
    pattern = re.compile(rf"(const {name}: f32 = )([\d.]+);")
    found = pattern.search(original)
    if not found:
        sys.exit(f"{name} not found in {path}")
    value = float(found[2])
    try:
        for factor in factors:
            new = round(value * factor, 4)
            with open(path, "w", encoding="utf-8") as f:
                f.write(pattern.sub(lambda m: f"{m[1]}{new};", original, count=1))
            print(f"{name} = {new} ({path})", flush=True)
            build(os.path.join(args.out, f"{name}={new}"))
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
subprocess.run(["cargo", "build", "--release", "--quiet"], check=True)
