#!/usr/bin/env python3
"""Time and peak memory of `parallax align DIR --json` on two very long articles of one story.

Two files of 7.9 MB each (just under the 8 MB read cap), 131,000 sentences each, sentence
i of one restating sentence i of the other in words of its own: the worst case for claims, which
compare every passage of one article with the passages of the other that share a term. Claims
take part only for an article's first `MAX_CLAIM_PASSAGES` passages (src/align/claims.rs), so
the cost stays bounded however long the articles; without that bound this case needed 8 GB and
aborted.

    cargo build --release
    python3 benches/long_articles.py [--mb 7.9] [--max-peak-mb 1500]

Prints the wall time and the peak resident memory of the child process; exits 1 when the run
fails or the peak is over --max-peak-mb.
"""
import argparse, os, resource, shutil, subprocess, sys, tempfile, time

def word(i):
    letters = []
    for _ in range(4):
        letters.append(chr(ord("a") + i % 26))
        i //= 26
    return "".join(letters)

def article(title, verb, size):
    lines = [title, ""]
    total, i = 0, 0
    while total < size:
        sentence = f"The flood {verb} {word(i)}ville and {word(i + 7)}berg near the {word(i + 13)} river. "
        lines.append(sentence)
        total += len(sentence) + 1  # and its line break
        i += 1
    return "\n".join(lines) + "\n"

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "parallax"))
    ap.add_argument("--mb", type=float, default=7.9, help="size of each article")
    ap.add_argument("--max-peak-mb", type=float, default=1500)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="parallax-long-")
    try:
        size = int(args.mb * 1024 * 1024)
        with open(os.path.join(tmp, "a.txt"), "w") as f:
            f.write(article("Flood reaches the villages of the valley", "reached", size))
        with open(os.path.join(tmp, "b.txt"), "w") as f:
            f.write(article("Villages of the valley flooded", "swamped", size))
        t0 = time.perf_counter()
        p = subprocess.run([args.bin, "align", tmp, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if p.returncode != 0:
            sys.exit(f"align failed (exit {p.returncode}): {p.stderr.decode()[-300:]}")
        claims = p.stdout.count(b'"kind":"claim"')
        print(f"two articles of {args.mb} MB: {wall:.1f} s, peak {peak_mb:.0f} MB, {claims} claims")
        if peak_mb > args.max_peak_mb:
            sys.exit(f"peak memory {peak_mb:.0f} MB is over the bound of {args.max_peak_mb:.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

if __name__ == "__main__":
    main()
