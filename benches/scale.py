#!/usr/bin/env python3
"""Time and peak memory of `parallax align DIR --json` on a folder and on 2x and 4x copies of it,
read afresh (`--no-cache`) and read back from the folder cache (in a scratch cache directory,
filled by one run first).

Copy k (k >= 1) is the folder with every word not in assets/stopwords.txt (short ones too:
"US", "R-Va.") given a suffix of its own, every year moved k years on (in the metadata and
the text) and every other figure written with its digits permuted (one permutation per copy,
so "25%" stays a percentage and a common figure stays common): like k more years of news,
with the same shape (lengths, outlets, repetition) but no text in common with the other
copies beyond chance. Plain file copies would be dropped as duplicates ("same article as
...") and measure nothing. (Until 2026-12-04 figures and words of one or two letters were
kept: every copy then repeated "171,000, down from 187,000 in 2016" and the like, which found
reuse across copies that no run of real years holds.)

    cargo build --release
    python3 benches/scale.py ../shared/data/baly2020-2018 [--runs 3]

Each size runs --runs times in a fresh process; the script prints the median wall time and the
largest peak resident memory (from the kernel's accounting of the child process).
"""
import argparse, os, re, resource, shutil, statistics, subprocess, sys, tempfile, time

def run(binary, folder, cache_home=None):
    """One run: cold with no cache_home, else through the cache kept in cache_home."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    args = [binary, "align", folder, "--json"] + ([] if cache_home else ["--no-cache"])
    env = dict(os.environ, XDG_CACHE_HOME=cache_home or os.path.join(tempfile.gettempdir(), "parallax-scale-unused"))
    t0 = time.perf_counter()
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"align failed on {folder}: {p.stderr.decode()[-300:]}")
    # ru_maxrss of children is the largest child so far; run sizes in increasing order.
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak_kb, before), p.stdout.count(b'{"id":"e')

WORD = re.compile(r"[A-Za-z]+")
NUMBER = re.compile(r"\d+")
# Digit permutations d -> (a*d + b) mod 10, the identity left out: copy k uses the k-th.
PERMUTATIONS = [(a, b) for a in (1, 3, 7, 9) for b in range(10) if (a, b) != (1, 0)]
STOPWORDS = {w for line in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "stopwords.txt"))
             if not line.startswith("#") for w in line.split()}
YEAR = re.compile(r"\b(19|20)(\d\d)-(\d\d)-(\d\d)")

def make_copy(src, dst, k):
    """Writes copy k of folder src into dst (see the module doc)."""
    suffix = "q" + chr(ord("a") + k)
    a, b = PERMUTATIONS[k - 1]

    def other_figure(m):
        digits = m.group(0)
        if len(digits) == 4 and 1900 <= int(digits) <= 2099:
            return str(int(digits) + k)
        return "".join(str((a * int(d) + b) % 10) for d in digits)

    for root, _, files in os.walk(src):
        out_dir = os.path.join(dst, os.path.relpath(root, src))
        os.makedirs(out_dir, exist_ok=True)
        for name in files:
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            head, sep, body = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)
            head = YEAR.sub(lambda m: f"{int(m.group(1) + m.group(2)) + k}-{m.group(3)}-{m.group(4)}", head)
            suffixed = lambda t: NUMBER.sub(other_figure, WORD.sub(lambda m: m.group(0) if m.group(0).lower() in STOPWORDS else m.group(0) + suffix, t))
            # The headline is text too: left alone, every copy would repeat every headline.
            head = "\n".join(line.split(":", 1)[0] + ":" + suffixed(line.split(":", 1)[1]) if line.startswith(("title:", "headline:")) else line for line in head.split("\n"))
            body = suffixed(body)
            with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
                f.write(head + sep + body)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "parallax"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--copies", default="1,2,4")
    args = ap.parse_args()
    files = sum(len(fs) for _, _, fs in os.walk(args.folder))
    print(f"{'copies':>6} {'files':>7} {'cold s':>7} {'spread':>11} {'peak MB':>8} {'warm s':>7} {'spread':>11} {'warm/cold':>9} {'events':>8}")
    tmp = tempfile.mkdtemp(prefix="parallax-scale-")
    try:
        for n in [int(c) for c in args.copies.split(",")]:
            if n == 1:
                folder = args.folder
            else:
                folder = os.path.join(tmp, f"x{n}")
                shutil.copytree(args.folder, os.path.join(folder, "copy0"))
                for k in range(1, n):
                    make_copy(args.folder, os.path.join(folder, f"copy{k}"), k)
            walls, peak, events = [], 0, 0
            for _ in range(args.runs):
                wall, peak, events = run(args.bin, folder)
                walls.append(wall)
            cache_home = os.path.join(tmp, f"cache{n}")
            run(args.bin, folder, cache_home)
            warm = [run(args.bin, folder, cache_home)[0] for _ in range(args.runs)]
            cold, hot = statistics.median(walls), statistics.median(warm)
            spread = lambda xs: f"{min(xs):.2f}-{max(xs):.2f}"
            print(f"{n:>6} {files * n:>7} {cold:>7.2f} {spread(walls):>11} {peak / 1024:>8.0f} {hot:>7.2f} {spread(warm):>11} {hot / cold:>9.2f} {events:>8}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

if __name__ == "__main__":
    main()
