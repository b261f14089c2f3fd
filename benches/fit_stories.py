#!/usr/bin/env python3
"""Fits the judgement of stories (src/align/judge.rs) and judges it corpus by corpus.

    cargo build --release
    python3 benches/fit_stories.py [--shared ../shared] [--write assets/story_model.json] [--table]

1. For every labelled dev corpus (ECB+ dev, BASIL dev, NewsWCL50, gvc-train), builds its folder
   the way the scorers do, runs `parallax story-features` and labels each candidate article pair
   1 when the gold says both report one happening (an ECB+ subtopic, a BASIL triplet, a NewsWCL50
   event, a GVC incident), else 0. A fifth corpus, "baly-read", is the candidate pairs of
   baly2020-2018 read and labelled by hand (`benches/story_labels.jsonl`): a year of many
   outlets' political news, where different happenings days apart share their people (a firing
   and the firing of the aide who contradicted its account), which no gold corpus holds. They
   were drawn at random in four bands of the probability the model of the time gave them (30,
   60, 60 and 30 pairs from bands holding 90%, 5%, 2.5% and 2% of the candidates), and each
   counts once: the draw dwells on the hard middle bands on purpose, where 46 of the 60 pairs
   the model of the time joined at 0.5 to 0.9 report different happenings. (Weighed back to
   their bands' shares, the 30 easy pairs would outweigh the 150 others; `band_share` and
   `band_drawn` are kept in the file for that.)
2. Fits a logistic regression on the pairs (Newton's method, a small L2 penalty), each corpus
   weighing the same in total, so the biggest does not decide alone. With --write, writes the
   model fitted on every corpus there.
3. With --table, judges it leave one corpus out: for each corpus, fits on the others, runs the
   scorer of the corpus left out with that model (PARALLAX_STORY_MODEL), and prints story
   precision, recall and F1 beside the figure of the model fitted on every corpus (in-corpus).

Standard library only; a few minutes on a 2-core machine.
"""
import argparse, itertools, json, os, shutil, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpora import corpora  # noqa: E402
from logistic import fit, run, write_model  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default="target/release/parallax")
ap.add_argument("--shared", default="../shared")
ap.add_argument("--write", help="write the model fitted on every corpus to this file")
ap.add_argument("--table", action="store_true", help="print the leave-one-corpus-out table")
ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the weights (not the bias)")
ap.add_argument("--labels", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "story_labels.jsonl"), help="hand-labelled article pairs of baly2020-2018")
ap.add_argument("--baseline", help="another parallax binary to score beside (its own judgement)")
args = ap.parse_args()
BIN = os.path.abspath(args.bin)
DATA = os.path.join(args.shared, "data")
TMP = tempfile.mkdtemp(prefix="fit-stories-")


# Each corpus is built once per run of this script.
CORPORA = corpora(DATA, TMP)
READ = "baly-read"


def read_labels():
    """The hand-labelled pairs of baly2020-2018 as a corpus: its folder and {(a, b): label},
    each pair counting once (see the module's doc)."""
    folder = os.path.join(DATA, "baly2020-2018")
    rows = [json.loads(line) for line in open(args.labels, encoding="utf-8")]
    return folder, {(r["a"], r["b"]): float(r["same"]) for r in rows}


def pairs_of(corpus):
    """(features, label, folder) of every labelled candidate pair of the corpus."""
    if corpus == READ:
        folder, labels = read_labels()
        out = json.loads(run([BIN, "story-features", folder]))
        rows = [(x, labels.get((a, b), labels.get((b, a))), folder) for a, b, x in out["pairs"]]
        rows = [r for r in rows if r[1] is not None]
        if len(rows) < len(labels):
            print(f"{READ}: {len(labels) - len(rows)} labelled pairs are no longer candidate pairs", file=sys.stderr)
        return out["features"], rows
    runs, labels = CORPORA[corpus]()
    rows = []
    for folder in runs:
        out = json.loads(run([BIN, "story-features", folder]))
        for a, b, x in out["pairs"]:
            la, lb = labels.get((folder, a)), labels.get((folder, b))
            if la is not None and lb is not None:
                rows.append((x, 1.0 if la == lb else 0.0, folder))
    return out["features"], rows


def model_for(rows_by_corpus, corpora, names):
    samples = []
    for c in corpora:
        rows = rows_by_corpus[c]
        w = 1000.0 / max(1, len(rows))  # each corpus weighs the same
        samples += [(x, y, w) for x, y, _ in rows]
    weights, bias = fit(samples, args.l2)
    return {"features": names, "weights": [round(w, 6) for w in weights], "bias": round(bias, 6), "fitted_on": sorted(corpora)}


# ---- scoring a model on one corpus: story pairwise P/R/F1 ----

def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def counted(folder, pairs, env, binary):
    """(joined and one happening, joined, one happening) over `pairs` of (file, file, one
    happening?) of the folder, as aligned with `env` by `binary`."""
    out = json.loads(run([binary or BIN, "align", folder, "--json"], env))
    path_of = {a["id"]: a["path"] for a in out["articles"]}
    story_of = {path_of[a]: s["id"] for s in out["stories"] for a in s["articles"]}
    tp = npred = ngold = 0
    for a, b, gold in pairs:
        pred = a in story_of and story_of.get(a) == story_of.get(b)
        tp += gold and pred
        npred += pred
        ngold += gold
    return tp, npred, ngold


def story_scores(corpus, model_path, binary=None, only=None):
    """Story P/R/F1 on the corpus (its runs in `only`, if given), with the model at
    `model_path`, or with another `binary` and its own judgement. On the hand-labelled pairs
    of baly2020-2018, over those pairs, each counting once (they are the pairs a reader
    labelled, not a sample of every pair of the folder)."""
    env = dict(os.environ, PARALLAX_STORY_MODEL=model_path) if model_path else None
    if corpus == READ:
        folder, labels = read_labels()
        return prf(*counted(folder, [(a, b, y == 1.0) for (a, b), y in labels.items()], env, binary))
    runs, labels = CORPORA[corpus]()
    totals = [0, 0, 0]
    for folder in runs:
        if only is not None and folder not in only:
            continue
        keys = sorted(k for (f, k) in labels if f == folder)
        pairs = [(a, b, labels[(folder, a)] == labels[(folder, b)]) for a, b in itertools.combinations(keys, 2)]
        totals = [t + c for t, c in zip(totals, counted(folder, pairs, env, binary))]
    return prf(*totals)


def main():
    rows_by_corpus, names = {}, None
    every = list(CORPORA) + ([READ] if os.path.exists(args.labels) else [])
    for c in every:
        names, rows_by_corpus[c] = pairs_of(c)
        pos = sum(y for _, y, _ in rows_by_corpus[c])
        print(f"{c}: {len(rows_by_corpus[c])} candidate pairs, {int(pos)} of one happening", file=sys.stderr)
    everything = model_for(rows_by_corpus, every, names)
    print(json.dumps(everything, indent=1))
    if args.write:
        write_model(args.write, everything)
    if args.table:
        all_path = os.path.join(TMP, "all.json")
        json.dump(everything, open(all_path, "w"))
        print(f"\n{'left out':<10} {'LOCO P':>7} {'R':>6} {'F1':>6}   {'in-corpus P':>11} {'R':>6} {'F1':>6}" + ("   baseline F1" if args.baseline else ""))
        for c in every:
            loco = model_for(rows_by_corpus, [o for o in every if o != c], names)
            path = os.path.join(TMP, f"without-{c}.json")
            json.dump(loco, open(path, "w"))
            p, r, f1 = story_scores(c, path)
            p_in, r_in, f1_in = story_scores(c, all_path)
            line = f"{c:<10} {p:>7.3f} {r:>6.3f} {f1:>6.3f}   {p_in:>11.3f} {r_in:>6.3f} {f1_in:>6.3f}"
            if args.baseline:
                line += f"   {story_scores(c, None, os.path.abspath(args.baseline))[2]:>11.3f}"
            print(line)
        # ECB+ left out topics: 5 folds of consecutive topics, each fitted on every other corpus
        # and the other folds' topics.
        runs = CORPORA["ecb"]()[0]
        folds = [runs[k * len(runs) // 5:(k + 1) * len(runs) // 5] for k in range(5)]
        scores = []
        for fold in folds:
            held = set(fold)
            rows = dict(rows_by_corpus)
            rows["ecb"] = [r for r in rows_by_corpus["ecb"] if r[2] not in held]
            model = model_for(rows, every, names)
            path = os.path.join(TMP, "ecb-fold.json")
            json.dump(model, open(path, "w"))
            scores.append(story_scores("ecb", path, only=held))
        f1s = [f for _, _, f in scores]
        print(f"ecb, topics left out (5 folds): mean story F1 {sum(f1s) / len(f1s):.3f}, lowest {min(f1s):.3f}")


try:
    main()
finally:
    shutil.rmtree(TMP, ignore_errors=True)
