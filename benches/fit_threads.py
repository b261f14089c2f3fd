#!/usr/bin/env python3
"""Fits the judgement of threads (src/align/threads.rs) and judges it corpus by corpus.

    cargo build --release
    python3 benches/fit_threads.py [--shared ../shared] [--write assets/thread_model.json] [--table]

A thread's stories continue one subject. No corpus here labels threads, so the labelled story
pairs come from two places:

- `benches/thread_labels.jsonl`: story pairs of baly2020-2018 read and labelled by hand (1 when a
  reader would file both under one ongoing matter: a nomination, an investigation, a
  negotiation, a crisis; 0 for a different matter, or another episode months later), drawn at
  random from its candidate pairs in three bands of body cosine (the draw is weighted back to
  the band's share of all candidates, so the fit is calibrated on the folder, not the draw).
- The dev corpora with gold happenings (ECB+ dev, BASIL dev, NewsWCL50, gvc-train): two stories
  whose articles report one gold happening continue it (1); stories of two different gold
  happenings (two look-alike shootings, two earthquakes, two BASIL events) do not (0).

It fits a logistic regression on the candidate story pairs of `parallax thread-features`, each
corpus weighing the same in total. With --table, judges it leave one corpus out: precision,
recall and F1 of the pairs at even odds, fitted on the other corpora, beside the in-corpus figure.

Standard library only; a minute or two on a 2-core machine.
"""
import argparse, collections, json, os, shutil, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpora import corpora  # noqa: E402
from logistic import fit, run, write_model  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--bin", default="target/release/parallax")
ap.add_argument("--shared", default="../shared")
ap.add_argument("--labels", default=os.path.join(HERE, "thread_labels.jsonl"))
ap.add_argument("--write", help="write the model fitted on every corpus to this file")
ap.add_argument("--table", action="store_true", help="print the leave-one-corpus-out table")
ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the weights (not the bias)")
args = ap.parse_args()
BIN = os.path.abspath(args.bin)
DATA = os.path.join(args.shared, "data")
TMP = tempfile.mkdtemp(prefix="fit-threads-")
GOLD = corpora(DATA, TMP)
# The bands of body cosine the hand-labelled pairs were drawn from.
BANDS = [(0.1, 0.3), (0.3, 0.5), (0.5, 1.1)]


def band(body):
    return next(k for k, (lo, hi) in enumerate(BANDS) if lo <= body < hi or (k == 0 and body < lo))


def features(folder):
    return json.loads(run([BIN, "thread-features", folder]))


def gold_rows(corpus):
    """(features, label, weight) of every candidate story pair whose stories each report one
    gold happening by majority."""
    runs, labels = GOLD[corpus]()
    rows, names = [], None
    for folder in runs:
        out = features(folder)
        names = out["features"]
        for a, b, x in out["pairs"]:
            def happening(story):
                votes = collections.Counter(labels.get((folder, key)) for key, _, _ in story)
                votes.pop(None, None)
                return votes.most_common(1)[0][0] if votes else None
            ha, hb = happening(a), happening(b)
            if ha is not None and hb is not None:
                rows.append((x, 1.0 if ha == hb else 0.0, 1.0))
    return names, rows


def labelled_rows():
    """(features, label, weight) of the hand-labelled pairs of baly2020-2018."""
    labels = [json.loads(line) for line in open(args.labels, encoding="utf-8")]
    out = features(os.path.join(DATA, "baly2020-2018"))
    in_band = collections.Counter(band(x[0]) for _, _, x in out["pairs"])
    found = []
    for a, b, x in out["pairs"]:
        keys_a, keys_b = {k for k, _, _ in a}, {k for k, _, _ in b}
        for row in labels:
            if (row["a"] in keys_a and row["b"] in keys_b) or (row["a"] in keys_b and row["b"] in keys_a):
                found.append((x, float(row["thread"])))
    drawn = collections.Counter(band(x[0]) for x, _ in found)
    missing = len(labels) - len(found)
    if missing:
        print(f"baly2020-2018: {missing} labelled pairs are no longer candidate pairs", file=sys.stderr)
    return out["features"], [(x, y, in_band[band(x[0])] / drawn[band(x[0])]) for x, y in found]


def model_for(rows_by_corpus, chosen, names):
    # Every candidate pair counts once: a hand-labelled pair stands for the candidates of its
    # band (its weight), a gold pair for itself. (Weighing each corpus the same would let the
    # thousands of easy negatives of one corpus, look-alike shootings months apart, stand for
    # as much as every labelled thread.)
    samples = [row for c in chosen for row in rows_by_corpus[c]]
    weights, bias = fit(samples, args.l2)
    return {"features": names, "weights": [round(w, 6) for w in weights], "bias": round(bias, 6), "fitted_on": sorted(chosen)}


def probability(model, x):
    import math
    z = model["bias"] + sum(w * v for w, v in zip(model["weights"], x))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def scores(model, rows):
    """Precision, recall and F1 of the pairs at even odds (each pair counting once, not by its
    weight: these are the pairs a reader labelled), and how many pairs of different subjects it
    joins."""
    said = [(probability(model, x) >= 0.5, y) for x, y, _ in rows]
    tp = sum(1 for s, y in said if s and y)
    pred = sum(1 for s, _ in said if s)
    gold = sum(1 for _, y in said if y)
    p = tp / pred if pred else float("nan")
    r = tp / gold if gold else float("nan")
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, pred - tp


def folds(rows, k=5):
    """The rows in k folds, every k-th row in one."""
    return [[row for i, row in enumerate(rows) if i % k == j] for j in range(k)]


def main():
    rows_by_corpus, names = {}, None
    for c in GOLD:
        names, rows_by_corpus[c] = gold_rows(c)
    names, rows_by_corpus["baly-hand"] = labelled_rows()
    for c, rows in rows_by_corpus.items():
        print(f"{c}: {len(rows)} labelled story pairs, {int(sum(y for _, y, _ in rows))} continuing one subject", file=sys.stderr)
    everything = model_for(rows_by_corpus, list(rows_by_corpus), names)
    print(json.dumps(everything, indent=1))
    if args.write:
        write_model(args.write, everything)
    if args.table:
        print(f"\n{'left out':<14} {'pairs':>6} {'same':>5}   {'LOCO P':>7} {'R':>6} {'F1':>6} {'wrong':>6}   {'in-corpus P':>11} {'R':>6} {'F1':>6} {'wrong':>6}")
        for c, rows in rows_by_corpus.items():
            loco = model_for(rows_by_corpus, [o for o in rows_by_corpus if o != c], names)
            same = int(sum(y for _, y, _ in rows))
            line = f"{c:<14} {len(rows):>6} {same:>5}   " + " ".join(f"{v:>6.3f}" if i < 3 else f"{v:>6}" for i, v in enumerate(scores(loco, rows)))
            print(line + "   " + " ".join(f"{v:>6.3f}" if i < 3 else f"{v:>6}" for i, v in enumerate(scores(everything, rows))))
        # The hand labels are the only threads there are: the honest figure for them is each
        # fifth of them judged by a model fitted without it (and on every other corpus).
        said = []
        for held in folds(rows_by_corpus["baly-hand"]):
            rest = dict(rows_by_corpus, **{"baly-hand": [r for r in rows_by_corpus["baly-hand"] if r not in held]})
            model = model_for(rest, list(rest), names)
            said += [(x, y, w, model) for x, y, w in held]
        tp = sum(1 for x, y, _, m in said if y and probability(m, x) >= 0.5)
        pred = sum(1 for x, _, _, m in said if probability(m, x) >= 0.5)
        gold = sum(1 for _, y, _, _ in said if y)
        p, r = tp / pred, tp / gold
        print(f"baly-hand, 5 folds of its labels left out: P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f}")


try:
    main()
finally:
    shutil.rmtree(TMP, ignore_errors=True)
