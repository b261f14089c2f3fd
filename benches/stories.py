#!/usr/bin/env python3
"""Story grouping on NewsWCL50 (10 events x 5 outlets, April-May 2018), which the shared scorer
does not cover: pairwise precision, recall and F1 of `parallax align DIR --json` stories against
the `event_id` of each article in `manifest.jsonl`.

    python3 benches/stories.py ../shared/data/newswcl50 [--bin target/release/parallax]
"""
import argparse, itertools, json, os, subprocess


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "parallax"))
    args = ap.parse_args()
    gold = {}
    with open(os.path.join(args.folder, "manifest.jsonl"), encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            gold[os.path.relpath(row["path"], "events")] = row["event_id"]
    out = json.loads(subprocess.run([args.bin, "align", args.folder, "--json"],
                                    check=True, capture_output=True).stdout)
    story_of = {a: s["id"] for s in out["stories"] for a in s["articles"]}
    articles = [(a["id"], gold[a["path"]]) for a in out["articles"] if a["path"] in gold]
    tp = predicted = actual = 0
    for (a, ga), (b, gb) in itertools.combinations(articles, 2):
        same = a in story_of and story_of.get(a) == story_of.get(b)
        tp += same and ga == gb
        predicted += same
        actual += ga == gb
    p, r = tp / max(predicted, 1), tp / max(actual, 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"stories: articles={len(articles)}/{len(gold)} stories={len(out['stories'])} P={p:.3f} R={r:.3f} F1={f1:.3f}")


if __name__ == "__main__":
    main()
