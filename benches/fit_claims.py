#!/usr/bin/env python3
"""Fits the judgement of claims (src/align/claims.rs) and judges it corpus by corpus.

    cargo build --release
    python3 benches/fit_claims.py [--shared ../shared] [--msrp 1500] [--write assets/claim_model.json] [--table]

Labelled passage pairs, from `parallax claim-features` (every pair of passages that are each
other's best counterpart in two articles):
- ECB+ dev, topics 1-22: two annotated sentences state one fact when they mention one gold event
  chain; annotated pairs that share no chain do not (many are of one story: the near misses).
- MSRP train (the first --msrp pairs, each pair two one-sentence articles): paraphrases state
  one fact; the other pairs, two sentences of one news story, do not.
- baly2020-2018, read by hand (benches/claim_labels.jsonl): 398 candidate pairs drawn at random
  (seeds 11-13, then 14 among the candidates not yet read after the judgement weighed terms by
  their specificity in the story) from the candidates of that folder's stories, each judged
  "one fact" when both passages state the same fact, as the claims of a story are judged by
  reading; and (claim_labels_boundary.jsonl) 100 more drawn (seed 21) among the candidates the
  model then gave 0.3 to 0.9, where its decision is least sure. That second set is no random
  draw, so it gets a base rate of its own and never sets the model's. The files name the
  passages (article, byte range, SHA-1 prefix of the text), never their text; a pair whose
  passage changed (another segmentation) is skipped and counted.
Each corpus weighs the same. With --write, writes the model fitted on all; with --table, fits
on all but one and scores the one left out (ECB+ and MSRP with their own scorers, through
PARALLAX_CLAIM_MODEL; the hand-read pairs by the precision and recall of the pairs at even
odds), beside the in-corpus figure. Standard library only.
"""
import argparse, collections, hashlib, json, math, os, shutil, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from logistic import fit, run, write_model  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default="target/release/parallax")
ap.add_argument("--shared", default="../shared")
ap.add_argument("--msrp", type=int, default=1500, help="MSRP train pairs to fit on")
ap.add_argument("--write", help="write the model fitted on both corpora to this file")
ap.add_argument("--table", action="store_true")
ap.add_argument("--l2", type=float, default=1.0)
args = ap.parse_args()
BIN = os.path.abspath(args.bin)
DATA = os.path.join(args.shared, "data")
TMP = tempfile.mkdtemp(prefix="fit-claims-")


def ecb_rows():
    data = os.path.join(DATA, "ecbplus-dev")
    sentences = collections.defaultdict(list)  # txt name -> [(sid, char start, char end, selected)]
    for line in list(open(os.path.join(data, "sentences.tsv"), encoding="utf-8"))[1:]:
        doc, topic, _, sid, cs, ce, sel, _ = line.rstrip("\n").split("\t", 7)
        if 1 <= int(topic) <= 22:
            sentences[(topic, doc[:-4] + ".txt")].append((int(sid), int(cs), int(ce), sel == "1"))
    chains = collections.defaultdict(set)  # (txt name, sid) -> chains
    for line in list(open(os.path.join(data, "gold_event_chains.tsv"), encoding="utf-8"))[1:]:
        cid, doc, sid, _ = line.rstrip("\n").split("\t")
        chains[(doc[:-4] + ".txt", int(sid))].add(cid)
    rows = []
    for topic in sorted({t for t, _ in sentences}, key=int):
        folder = os.path.join(data, "txt", topic)
        spans = {}
        for (t, name), ss in sentences.items():
            if t != topic:
                continue
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            spans[name] = [(sid, len(text[:cs].encode()), len(text[:ce].encode()), sel) for sid, cs, ce, sel in ss]
        out = json.loads(run([BIN, "claim-features", folder]))

        def annotated(passage):
            name, start, end = passage
            return [(name, sid) for sid, bs, be, sel in spans.get(name, []) if sel and bs < end and start < be]

        for a, b, x in out["pairs"]:
            sa, sb = annotated(a), annotated(b)
            if sa and sb:
                ca = set().union(*(chains[s] for s in sa))
                cb = set().union(*(chains[s] for s in sb))
                rows.append((x, 1.0 if ca & cb else 0.0))
    return out["features"], rows


def front_matter(title, outlet, body):
    return f'---\ntitle: "{title}"\nsource: "{outlet}"\n---\n{body}\n'


def msrp_pairs(limit):
    pairs = []
    with open(os.path.join(DATA, "msrp-train", "msr_paraphrase_train.txt"), encoding="utf-8-sig") as f:
        next(f)
        for line in f:
            q, _, _, s1, s2 = line.rstrip("\n").split("\t")
            pairs.append((int(q), s1, s2))
    return pairs[:limit]


def msrp_rows():
    rows, names = [], None
    for k, (q, s1, s2) in enumerate(msrp_pairs(args.msrp)):
        folder = os.path.join(TMP, f"msrp-{k}")
        os.mkdir(folder)
        open(os.path.join(folder, "a.md"), "w", encoding="utf-8").write(front_matter("A", "Outlet A", s1))
        open(os.path.join(folder, "b.md"), "w", encoding="utf-8").write(front_matter("B", "Outlet B", s2))
        out = json.loads(run([BIN, "claim-features", folder]))
        names = out["features"]
        for a, b, x in out["pairs"]:
            rows.append((x, float(q)))
        shutil.rmtree(folder)
    return names, rows


def baly_rows():
    """The hand-read pairs of baly2020-2018 that are candidates of this build: the random draw
    (claim_labels.jsonl) and the pairs near the decision (claim_labels_boundary.jsonl)."""
    folder = os.path.join(DATA, "baly2020-2018")
    out = json.loads(run([BIN, "claim-features", folder]))
    found = {}
    for a, b, x in out["pairs"]:
        found[(tuple(a), tuple(b))] = x
        found[(tuple(b), tuple(a))] = x
    here = os.path.dirname(os.path.abspath(__file__))

    def read(name):
        rows, missing = [], 0
        for line in open(os.path.join(here, name), encoding="utf-8"):
            r = json.loads(line)
            a, b = tuple(r["a"]), tuple(r["b"])
            same = all(hashlib.sha1(open(os.path.join(folder, p[0]), "rb").read()[p[1]:p[2]]).hexdigest()[:10] == h for p, h in ((a, r["sha1_a"]), (b, r["sha1_b"])))
            if (a, b) not in found or not same:
                missing += 1
                continue
            rows.append((found[(a, b)], float(r["one_fact"])))
        if missing:
            print(f"{name}: {missing} labelled pairs are no longer candidates (skipped)", file=sys.stderr)
        return rows

    return out["features"], read("claim_labels.jsonl"), read("claim_labels_boundary.jsonl")


def probability(model, x):
    z = model["bias"] + sum(w * v for w, v in zip(model["weights"], x))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def joined_at_even_odds(judged):
    """(label, probability) pairs -> (true joins, all joins, one-fact pairs)."""
    tp = sum(1 for y, p in judged if y and p >= 0.5)
    joined = sum(1 for _, p in judged if p >= 0.5)
    return tp, joined, sum(1 for y, _ in judged if y)


def pair_scores(model, rows):
    tp, joined, pos = joined_at_even_odds([(y, probability(model, x)) for x, y in rows])
    return f"P={tp / max(1, joined):.3f} R={tp / max(1, pos):.3f} joined={joined} of {len(rows)} ({pos} one fact)"


def model_for(rows_by_corpus, corpora, names):
    """Weights shared by every corpus, and a base rate (bias) of each: how many candidates state
    one fact depends on how a corpus chose its pairs (ECB+ and MSRP annotators picked sentences
    about one event; most candidates of a real story are not one fact). The model's bias is the
    base rate of the engine's own candidates (the hand-read baly pairs), or without them the
    mean of the others."""
    samples = []
    for k, c in enumerate(corpora):
        rows = rows_by_corpus[c]
        w = 1000.0 / max(1, len(rows))
        indicator = [1.0 if j == k else 0.0 for j in range(len(corpora))]
        samples += [(list(x) + indicator, y, w) for x, y in rows]
    weights, bias = fit(samples, args.l2)
    rates = {c: bias + weights[len(names) + k] for k, c in enumerate(corpora)}
    own = rates["baly"] if "baly" in rates else sum(rates.values()) / len(rates)
    return {
        "features": names,
        "weights": [round(w, 6) for w in weights[: len(names)]],
        "bias": round(own, 6),
        "fitted_on": sorted(corpora),
        "base_rates": {c: round(r, 3) for c, r in rates.items()},
    }


def cross_validated(rows_by_corpus, names, folds=5):
    """The hand-read pairs scored fold by fold, each by a model that never saw them."""
    rows = rows_by_corpus["baly"]
    judged = []
    for f in range(folds):
        held = rows[f::folds]
        train = dict(rows_by_corpus, baly=[r for k, r in enumerate(rows) if k % folds != f])
        model = model_for(train, sorted(train), names)
        judged += [(y, probability(model, x)) for x, y in held]
    tp, joined, pos = joined_at_even_odds(judged)
    return f"P={tp / max(1, joined):.3f} R={tp / max(1, pos):.3f} joined={joined} of {len(judged)}"


def scorer(corpus, model_path, rows):
    if corpus == "baly":
        return pair_scores(json.load(open(model_path)), rows)
    env = dict(os.environ, PARALLAX_CLAIM_MODEL=model_path)
    score = os.path.join(args.shared, "eval", "score.py")
    if corpus == "ecb":
        cmd = [sys.executable, score, "ecb", "--bin", BIN, "--data", os.path.join(DATA, "ecbplus-dev"), "--topics", "1-22"]
    else:
        cmd = [sys.executable, score, "msrp", "--bin", BIN, "--data", os.path.join(DATA, "msrp-train"), "--split", "train", "--limit", "1000"]
    line = run(cmd, env).strip().splitlines()[-1]
    keep = ("F1=", "P=", "R=") if corpus == "ecb" else ("paraphrase_aligned", "same_story", "different_story")
    return " ".join(kv for kv in line.split() if kv.startswith(keep))


def main():
    rows_by_corpus = {}
    names, rows_by_corpus["ecb"] = ecb_rows()
    _, rows_by_corpus["msrp"] = msrp_rows()
    _, rows_by_corpus["baly"], rows_by_corpus["baly-boundary"] = baly_rows()
    corpora = sorted(rows_by_corpus)
    for c, rows in rows_by_corpus.items():
        print(f"{c}: {len(rows)} pairs, {int(sum(y for _, y in rows))} of one fact", file=sys.stderr)
    every = model_for(rows_by_corpus, corpora, names)
    print(json.dumps(every, indent=1))
    if args.write:
        write_model(args.write, every)
    if args.table:
        every_path = os.path.join(TMP, "every.json")
        json.dump(every, open(every_path, "w"))
        print("| left out | fitted on the others | fitted on all (in-corpus) |")
        print("|---|---|---|")
        for c in ("baly", "ecb", "msrp"):
            # Both sets of hand-read pairs come from baly2020-2018: left out together.
            out_of_fit = {c, "baly-boundary"} if c == "baly" else {c}
            path = os.path.join(TMP, f"without-{c}.json")
            json.dump(model_for(rows_by_corpus, [o for o in corpora if o not in out_of_fit], names), open(path, "w"))
            print(f"| {c} | {scorer(c, path, rows_by_corpus[c])} | {scorer(c, every_path, rows_by_corpus[c])} |")
        print(f"baly, 5-fold (fitted on the others and four fifths of it, scored on the fifth left out): {cross_validated(rows_by_corpus, names)}")


try:
    main()
finally:
    shutil.rmtree(TMP, ignore_errors=True)
