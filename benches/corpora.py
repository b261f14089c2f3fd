"""The labelled dev corpora as folders a user would open, and the gold label of each article:
what the judgements' fitting scripts (benches/fit_stories.py, benches/fit_threads.py) share.

`corpora(data, tmp)` gives, per corpus, a function (built once) returning (runs, labels): the
folders to align one by one, and {(folder, file name): label}. Two articles with one label
report one happening (an ECB+ subtopic, a BASIL triplet, a NewsWCL50 event, a GVC incident).
"""
import functools
import json
import os


def corpora(DATA, TMP):
    def front_matter(meta, body):
        lines = ["---"] + [f'{k}: "{str(v).replace(chr(34), chr(92) + chr(34))}"' for k, v in meta.items()] + ["---"]
        return "\n".join(lines) + "\n" + body

    # ---- the corpora: (runs, label of each key) where a run is a folder aligned on its own ----

    def ecb():
        base = os.path.join(DATA, "ecbplus-dev", "txt")
        runs, labels = [], {}
        for topic in sorted(os.listdir(base), key=int):
            if not 1 <= int(topic) <= 22:
                continue
            folder = os.path.join(base, topic)
            runs.append(folder)
            for name in os.listdir(folder):
                labels[(folder, name)] = (topic, "ecbplus" in name)
        return runs, labels

    def written(name, manifest, entry):
        """A folder of Markdown articles with front matter, one per row of a JSON-lines manifest
        that `entry` turns into (file name, metadata, body, gold label), or None to leave out."""
        folder = os.path.join(TMP, name)
        os.makedirs(folder, exist_ok=True)
        labels = {}
        for line in open(manifest, encoding="utf-8"):
            made = entry(json.loads(line))
            if made is None:
                continue
            file_name, meta, body, label = made
            with open(os.path.join(folder, file_name), "w", encoding="utf-8") as f:
                f.write(front_matter(meta, body))
            labels[(folder, file_name)] = label
        return [folder], labels

    def basil():
        outlets = {"nyt": "New York Times", "fox": "Fox News", "hpo": "HuffPost"}

        def entry(r):
            if not 2010 <= int(r["date"][:4]) <= 2014:
                return None
            body = open(os.path.join(DATA, "basil-dev", r["path"]), encoding="utf-8").read()
            meta = {"title": r["title"], "source": outlets[r["source"]], "published": r["date"], "url": r["url"]}
            return f"{r['triplet_uuid'][:8]}_{r['source']}.md", meta, body, r["triplet_uuid"]
        return written("basil", os.path.join(DATA, "basil-dev", "manifest.jsonl"), entry)

    def newswcl():
        def entry(r):
            event, code = f"event_{r['event_id']}", r["outlet_code"]
            body = open(os.path.join(DATA, "newswcl50", event, f"{code}.txt"), encoding="utf-8").read()
            return f"{event}_{code}.md", {"source": r["outlet"], "published": r["date_from_url"], "url": r["url"]}, body, event
        return written("newswcl50", os.path.join(DATA, "newswcl50", "manifest.jsonl"), entry)

    def gvc():
        folder = os.path.join(DATA, "gvc-train", "docs")
        labels = {}
        for line in open(os.path.join(DATA, "gvc-train", "manifest.jsonl"), encoding="utf-8"):
            r = json.loads(line)
            labels[(folder, os.path.basename(r["file"]))] = r["incident"]
        return [folder], labels

    return {name: functools.cache(build) for name, build in {"ecb": ecb, "basil": basil, "newswcl50": newswcl, "gvc": gvc}.items()}
