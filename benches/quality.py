#!/usr/bin/env python3
"""Cross-validated quality on the shared dev sets, next to the plain dev figures.

    python3 benches/quality.py [--bin target/release/parallax] [--shared ../shared] [--msrp]

The strictness (`--threshold`) scales every floor of the engine, so it is the one knob chosen
here, the way a threshold must be chosen for news it was not tuned on: for each fold, pick the
strictness that scores best on the other folds, then score the held-out fold at it.

- ECB+ topics 1-22 (cross-document event pairs F1): 5 folds of consecutive topics; the training
  score pools the pairs of the training topics.
- BASIL 2010-2014 (story F1): 5 folds, one per year; the training score is the mean over years.

Prints, per measure, the plain dev figure at the default strictness, and the held-out mean,
standard deviation, lowest fold and the strictness each fold chose. With --msrp, also MSRP train
(all pairs) at the default strictness.

With --constants DIR (binaries built by benches/variants.py: DIR/default and DIR/NAME=VALUE), the
constants under the strictness are cross-validated one by one the same way: for each constant,
each fold picks, among the default and the variants of that constant alone, the binary that
scores best on the other folds (ties go to the default), and is scored at it.
With --corpora, also the two fitted judgements left out corpus by corpus: the judgement of
stories (benches/fit_stories.py --table: fitted on every labelled corpus but one, the one left
out scored) and of claims (benches/fit_claims.py --table). Those tables, not the dev figures,
estimate what a user sees on news nobody here has read.
Uses ../shared/eval/score.py; standard library only.
"""
import argparse, os, re, statistics, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default="target/release/parallax")
ap.add_argument("--shared", default="../shared")
ap.add_argument("--grid", default="0.25,0.30,0.35,0.40,0.45")
ap.add_argument("--default", type=float, default=0.35)
ap.add_argument("--msrp", action="store_true")
ap.add_argument("--constants", help="folder of variant binaries from benches/variants.py")
ap.add_argument("--corpora", action="store_true", help="also the leave-one-corpus-out tables of both fitted judgements")
args = ap.parse_args()
grid = [float(x) for x in args.grid.split(",")]
score = os.path.join(args.shared, "eval", "score.py")
data = os.path.join(args.shared, "data")
binary = os.path.abspath(args.bin)
tmp = tempfile.mkdtemp(prefix="quality-")


def wrapper(threshold, program=binary):
    """A binary that runs `program` at the given strictness (score.py calls BIN align DIR --json)."""
    path = os.path.join(tmp, f"{os.path.basename(program)}-{threshold}")
    with open(path, "w") as f:
        f.write(f'#!/bin/sh\nexec "{program}" "$@" --threshold {threshold}\n')
    os.chmod(path, 0o755)
    return path


def run(*argv):
    out = subprocess.run([sys.executable, score, *argv], capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"score.py {' '.join(argv)} failed: {out.stderr[-400:]}")
    return out.stdout


def figures(line):
    return dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)


def f1(tp, pred, gold):
    p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def ecb_of(program):
    """Per topic: (true pairs, predicted pairs, gold pairs)."""
    text = run("ecb", "--bin", program, "--data", os.path.join(data, "ecbplus-dev"), "--topics", "1-22", "-v")
    return {int(m[1]): (round(float(m[2]) * int(m[3])), int(m[3]), int(m[4]))
            for m in re.finditer(r"topic (\d+): P=([\d.]+) R=[\d.]+ F1=[\d.]+ pred=(\d+) gold=(\d+)", text)}


def basil_of(program):
    """Per year: the figures of score.py's basil line."""
    return {year: figures(run("basil", "--bin", program, "--data", os.path.join(data, "basil-dev"), "--years", f"{year}-{year}").strip().splitlines()[-1])
            for year in range(2010, 2015)}


# ECB+: per topic and strictness, (true pairs, predicted pairs, gold pairs).
ecb = {}
for t in grid:
    for topic, counts in ecb_of(wrapper(t)).items():
        ecb[(topic, t)] = counts
topics = sorted({k[0] for k in ecb})
ecb_folds = [topics[i * len(topics) // 5:(i + 1) * len(topics) // 5] for i in range(5)]


def ecb_f1(fold_topics, t):
    tp, pred, gold = (sum(ecb[(x, t)][k] for x in fold_topics) for k in range(3))
    return f1(tp, pred, gold)


# BASIL: per year and strictness, the story F1 and the other figures of its line.
basil = {}
for t in grid:
    for year, line in basil_of(wrapper(t)).items():
        basil[(year, t)] = line
years = list(range(2010, 2015))


def cross_validate(folds, score_of, pick, options=grid, preference=lambda t: -abs(t - args.default)):
    """Held-out score of each fold at the option (strictness by default) that scored best on the
    other folds; ties go to the preferred option."""
    held, chosen = [], []
    for i, fold in enumerate(folds):
        train = [x for j, f in enumerate(folds) if j != i for x in f]
        best = max(options, key=lambda t: (pick(train, t), preference(t)))
        held.append(score_of(fold, best))
        chosen.append(best)
    return held, chosen


def report(name, dev, held, chosen):
    print(f"{name}: dev {dev:.3f} at {args.default}; cross-validated mean {statistics.mean(held):.3f} "
          f"sd {statistics.pstdev(held):.3f} lowest fold {min(held):.3f} (folds {', '.join(f'{h:.3f}' for h in held)}; "
          f"strictness chosen {', '.join(str(c) for c in chosen)})")


held, chosen = cross_validate(ecb_folds, ecb_f1, ecb_f1)
report("ECB+ event pairs F1 (topics 1-22, 5 folds of topics)", ecb_f1(topics, args.default), held, chosen)

basil_f1 = lambda ys, t: statistics.mean(float(basil[(y, t)]["story_F1"]) for y in ys)
held, chosen = cross_validate([[y] for y in years], basil_f1, basil_f1)
whole = figures(run("basil", "--bin", wrapper(args.default), "--data", os.path.join(data, "basil-dev"), "--years", "2010-2014").strip().splitlines()[-1])
report("BASIL story F1 (2010-2014, folds of years)", float(whole["story_F1"]), held, chosen)
print(f"BASIL 2010-2014 at {args.default}: events crossing stories (not reuse) {whole['events_crossing_stories']}, "
      f"passages per article per event {whole['passages_per_article_per_event']}, dates {whole['date_ok']}, outlets {whole['source_ok']}")

if args.msrp:
    line = run("msrp", "--bin", wrapper(args.default), "--data", os.path.join(data, "msrp-train"), "--split", "train").strip().splitlines()[-1]
    m = figures(line)
    print(f"MSRP train (all {m['pairs']} pairs) at {args.default}: paraphrases aligned {m['paraphrase_aligned']}, "
          f"different-story pairs aligned {m['different_story_aligned']}")

if args.constants:
    # Each constant alone: the default binary against the binaries with only that constant moved.
    variants = {}
    for name in sorted(os.listdir(args.constants)):
        if "=" in name:
            constant, value = name.split("=", 1)
            variants.setdefault(constant, []).append((value, os.path.join(os.path.abspath(args.constants), name)))
    default_program = wrapper(args.default, os.path.join(os.path.abspath(args.constants), "default"))
    runs = {"default": (ecb_of(default_program), basil_of(default_program))}
    for constant, values in variants.items():
        for value, program in values:
            runs[f"{constant}={value}"] = (ecb_of(wrapper(args.default, program)), basil_of(wrapper(args.default, program)))
    for constant, values in variants.items():
        options = ["default"] + [f"{constant}={value}" for value, _ in values]
        ecb_at = lambda ts, o: f1(*(sum(runs[o][0][x][k] for x in ts) for k in range(3)))
        basil_at = lambda ys, o: statistics.mean(float(runs[o][1][y]["story_F1"]) for y in ys)
        prefer_default = lambda o: o == "default"
        e_held, e_chosen = cross_validate(ecb_folds, ecb_at, ecb_at, options, prefer_default)
        b_held, b_chosen = cross_validate([[y] for y in years], basil_at, basil_at, options, prefer_default)
        label = lambda o: "default" if o == "default" else o.split("=", 1)[1]
        dev = ", ".join(f"{label(o)}: ECB {ecb_at(topics, o):.3f} BASIL {basil_at(years, o):.3f}" for o in options)
        print(f"{constant}: dev ({dev}); cross-validated ECB mean {statistics.mean(e_held):.3f} sd {statistics.pstdev(e_held):.3f} "
              f"(chosen {', '.join(label(c) for c in e_chosen)}), BASIL mean {statistics.mean(b_held):.3f} (chosen {', '.join(label(c) for c in b_chosen)})")

if args.corpora:
    here = os.path.dirname(os.path.abspath(__file__))
    for script, what in (("fit_stories.py", "Stories"), ("fit_claims.py", "Claims")):
        print(f"\n{what}, each corpus left out:", flush=True)
        subprocess.run([sys.executable, os.path.join(here, script), "--bin", binary, "--shared", args.shared, "--table"], check=True, stdout=sys.stdout)
