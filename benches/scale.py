#!/usr/bin/env python3
"""Time and peak memory of `parallax align DIR --json` on a folder and on 2x and 4x copies of it,
read afresh (`--no-cache`) and read back from the folder cache (in a scratch cache directory,
filled by one run first).

Copy k (k >= 1) is the folder with every word not in assets/stopwords.txt (short ones too:
"US", "R-Va.") given a tag of its own, every year moved k years on (in the metadata and the
text) and every other figure written with its digits permuted (one permutation per copy, so
"25%" stays a percentage and a common figure stays common): like k more years of news, with
the same shape (lengths, outlets, repetition) but no text in common with the other copies
beyond chance. Plain file copies would be dropped as duplicates ("same article as ...") and
measure nothing. (Until 2026-12-04 figures and words of one or two letters were kept: every
copy then repeated "171,000, down from 187,000 in 2016" and the like, which found reuse across
copies that no run of real years holds.)

The tag changes what a word is and nothing of how the engine reads it, so that a copy is the
same work as the folder. It goes in front, keeping the case ("Trump" -> "Qbtrump", "GOP" ->
"QBGOP", "voters" -> "qbvoters"): the engine stems by a word's ending and reads capitals as
names. A word fused of capitalised parts is tagged part by part ("TrumpKamala", where The
Hill's hover cards start). Left as they are: single letters (initials, "J. K. Rowling"), and
the words the engine reads for the shape of a text, taken from its source (abbreviations
that do not end a sentence, months, weekdays, time stamps, photo credits and other page
furniture, "million" and the other scale words of figures). Until 2026-12-07 a suffix was
appended to every word: it broke those rules, and copy 1 alone held 2.1 times the original's
pairs of passages judged reuse (13,311 against 6,346) and fewer stories (718 against 771). The script prints
such counts for copy 1 alone against the folder before it times anything.

    cargo build --release
    python3 benches/scale.py ../shared/data/baly2020-2018 [--runs 3]

Each size runs --runs times in a fresh process, the sizes taking turns; the script prints the
median wall time and the largest peak resident memory (from the kernel's accounting of each
child process), and how many times the first size's cold time each other size took.
"""
import argparse, collections, json, os, re, shutil, statistics, subprocess, sys, tempfile, time

def run(binary, folder, cache_home=None):
    """One run: cold with no cache_home, else through the cache kept in cache_home. Its wall
    time, its own peak resident memory (KB) and the events it found."""
    args = [binary, "align", folder, "--json"] + ([] if cache_home else ["--no-cache"])
    env = dict(os.environ, XDG_CACHE_HOME=cache_home or os.path.join(tempfile.gettempdir(), "parallax-scale-unused"))
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err, env=env)
        out = p.stdout.read()
        # The kernel's accounting of this child alone: runs of several sizes take turns.
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.stdout.close()
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            err.seek(0)
            sys.exit(f"align failed on {folder}: {err.read().decode(errors='replace')[-300:]}")
    return wall, usage.ru_maxrss, out.count(b'{"id":"e')

WORD = re.compile(r"[A-Za-z]+")
NUMBER = re.compile(r"\d+")
# Digit permutations d -> (a*d + b) mod 10, the identity left out: copy k uses the k-th.
PERMUTATIONS = [(a, b) for a in (1, 3, 7, 9) for b in range(10) if (a, b) != (1, 0)]
STOPWORDS = {w for line in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "stopwords.txt"))
             if not line.startswith("#") for w in line.split()}
YEAR = re.compile(r"\b(19|20)(\d\d)-(\d\d)-(\d\d)")

def engine_words():
    """The words the engine reads for the shape of a text (see the module doc), lowercased."""
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    read = lambda name: open(os.path.join(src, name), encoding="utf-8").read()
    def listed(name, const):
        found = re.search(r"const " + const + r"\b[^=]*=\s*&?\[(.*?)\];", read(name), re.S)
        if not found:
            sys.exit(f"benches/scale.py: src/{name} has no list {const} any more; say which words it reads for a copy to keep")
        return found.group(1)
    texts = [listed("segment.rs", c) for c in ("ABBREVIATIONS", "SENTENCE_OPENERS", "FUNCTION_WORDS")]
    texts += [listed("dates.rs", c) for c in ("STAMP_WORDS", "MONTH_PREFIXES")]
    texts.append(re.search(r"fn scale_of.*?\n}", read("terms.rs"), re.S).group(0))
    # Every phrase page furniture is told by ("Getty Images", " MORE", "Read more"), outside
    # its tests and the messages of its expectations.
    furniture = re.sub(r"//[^\n]*|\.expect\(\"[^\"]*\"\)", "", read("furniture.rs").split("#[cfg(test)]")[0])
    texts.append(furniture)
    return {w.lower() for t in texts for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', t) for w in WORD.findall(literal)}

# The capitalised parts of a word, and its other runs of letters ("TrumpKamala", "McConnell", "iPhone").
PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")

def make_copy(src, dst, k, kept):
    """Writes copy k of folder src into dst (see the module doc), with the words in kept as they are."""
    tag = "q" + chr(ord("a") + k)
    a, b = PERMUTATIONS[k - 1]

    def other_figure(m):
        digits = m.group(0)
        if len(digits) == 4 and 1900 <= int(digits) <= 2099:
            return str(int(digits) + k)
        return "".join(str((a * int(d) + b) % 10) for d in digits)

    as_is = lambda w: w.lower() in STOPWORDS or w.lower() in kept

    def tagged(part):
        if as_is(part):
            return part
        if len(part) > 1 and part.isupper():
            return tag.upper() + part
        if part[0].isupper():
            return tag.capitalize() + part[0].lower() + part[1:]
        return tag + part

    def other_word(m):
        word = m.group(0)
        if len(word) == 1 or as_is(word):
            return word
        return PARTS.sub(lambda p: tagged(p.group(0)), word)

    other_text = lambda t: NUMBER.sub(other_figure, WORD.sub(other_word, t))
    for root, _, files in os.walk(src):
        out_dir = os.path.join(dst, os.path.relpath(root, src))
        os.makedirs(out_dir, exist_ok=True)
        for name in files:
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            head, sep, body = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)
            head = YEAR.sub(lambda m: f"{int(m.group(1) + m.group(2)) + k}-{m.group(3)}-{m.group(4)}", head)
            # The headline is text too: left alone, every copy would repeat every headline.
            head = "\n".join(line.split(":", 1)[0] + ":" + other_text(line.split(":", 1)[1]) if line.startswith(("title:", "headline:")) else line for line in head.split("\n"))
            body = other_text(body)
            with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
                f.write(head + sep + body)

def shape(binary, folder):
    """What the engine finds in a folder: passages, stories and events of each kind."""
    p = subprocess.run([binary, "align", folder, "--json", "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, XDG_CACHE_HOME=os.path.join(tempfile.gettempdir(), "parallax-scale-unused")))
    if p.returncode != 0:
        sys.exit(f"align failed on {folder}")
    found = json.loads(p.stdout)
    kinds = collections.Counter(e["kind"] for e in found["events"])
    return {"passages": sum(a["passages"] for a in found["articles"]), "stories": len(found["stories"]),
            **{f"{kind} events": kinds[kind] for kind in ("lede", "claim", "reuse")}}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "parallax"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--copies", default="1,2,4")
    args = ap.parse_args()
    files = sum(len(fs) for _, _, fs in os.walk(args.folder))
    kept = engine_words()
    tmp = tempfile.mkdtemp(prefix="parallax-scale-")
    try:
        # A copy is the same work as the folder only if the engine finds the same in it.
        make_copy(args.folder, os.path.join(tmp, "copy1"), 1, kept)
        original, copy = shape(args.bin, args.folder), shape(args.bin, os.path.join(tmp, "copy1"))
        print("copy 1 alone against the folder: " + ", ".join(f"{what} {copy[what]} / {original[what]}" for what in original))
        shutil.rmtree(os.path.join(tmp, "copy1"))
        sizes = [int(c) for c in args.copies.split(",")]
        folders = {}
        for n in sizes:
            folders[n] = args.folder if n == 1 else os.path.join(tmp, f"x{n}")
            if n > 1:
                shutil.copytree(args.folder, os.path.join(folders[n], "copy0"))
                for k in range(1, n):
                    make_copy(args.folder, os.path.join(folders[n], f"copy{k}"), k, kept)
            run(args.bin, folders[n], os.path.join(tmp, f"cache{n}"))
        # The sizes take turns, run by run: a slow stretch of a shared machine then slows every
        # size alike, where runs of one size after the other measured the stretch in the growth.
        cold, warm, peak = ({n: [] for n in sizes} for _ in range(3))
        events = {}
        for _ in range(args.runs):
            for n in sizes:
                wall, kb, found = run(args.bin, folders[n])
                cold[n].append(wall)
                peak[n].append(kb)
                events[n] = found
                warm[n].append(run(args.bin, folders[n], os.path.join(tmp, f"cache{n}"))[0])
        print(f"{'copies':>6} {'files':>7} {'cold s':>7} {'spread':>11} {'peak MB':>8} {'warm s':>7} {'spread':>11} {'warm/cold':>9} {'events':>8}")
        spread = lambda xs: f"{min(xs):.2f}-{max(xs):.2f}"
        for n in sizes:
            c, h = statistics.median(cold[n]), statistics.median(warm[n])
            print(f"{n:>6} {files * n:>7} {c:>7.2f} {spread(cold[n]):>11} {max(peak[n]) / 1024:>8.0f} {h:>7.2f} {spread(warm[n]):>11} {h / c:>9.2f} {events[n]:>8}")
        first = sizes[0]
        for n in sizes[1:]:
            turns = [a / b for a, b in zip(cold[n], cold[first])]
            print(f"{n}x copies took {statistics.median(cold[n]) / statistics.median(cold[first]):.1f}x the time of {first}x cold "
                  f"({min(turns):.1f}-{max(turns):.1f}x turn by turn)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

if __name__ == "__main__":
    main()
