#!/usr/bin/env python3
"""Fails when files of src/ import each other in a circle.

An edge A -> B means file A names an item of module B (`use crate::b::X`, `super::X`, a path in
code). A parent's `mod child;` and `pub use child::X` re-exports are structure, not use, and are
not edges; everything else, tests included, is. Prints each circle found.
"""
import pathlib
import re
import sys

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"


def module_of(path):
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


files = {module_of(p): p for p in SRC.rglob("*.rs") if p.name != "main.rs" or p.parent != SRC}
binary = SRC / "main.rs"


def expand(path):
    """`a::{b::{C, d}, e}` -> [a::b::C, a::b::d, a::e]."""
    m = re.match(r"^([\w:]*?)\{(.*)\}$", path)
    if not m:
        return [path]
    prefix, inner = m.groups()
    items, depth, cur = [], 0, ""
    for c in inner:
        if c == "," and depth == 0:
            items.append(cur)
            cur = ""
            continue
        depth += c == "{"
        depth -= c == "}"
        cur += c
    items.append(cur)
    return [x for item in items if item.strip() for x in expand(prefix + item.strip())]


def resolve(segments, here):
    """The module (a key of `files`) that a path starting at `here` names the item of."""
    if not segments:
        return None
    if segments[0] == "crate":
        base, rest = (), segments[1:]
    elif segments[0] in ("super", "self"):
        base, rest = here, segments
        while rest and rest[0] in ("super", "self"):
            base = base[:-1] if rest[0] == "super" else base
            rest = rest[1:]
    else:
        return None
    best = base if base in files else None
    for i in range(len(rest)):
        if base + tuple(rest[: i + 1]) in files:
            best = base + tuple(rest[: i + 1])
    return best


def uses_in(text, here, module):
    """The modules `text` (of file `module`, read as in module `here`) names items of."""
    uses = []
    aliases = {}  # a module imported by name (`use super::ui;`), then used as `ui::x`
    for stmt in re.findall(r"(pub(?:\([\w:]+\))?\s+)?use\s+([^;]+);", text):
        for full in expand(re.sub(r"\s+", "", stmt[1])):
            full = re.sub(r"\bas\w+$", "", full.split(" as ")[0])
            segs = [s for s in full.split("::") if s]
            target = resolve(segs, here)
            reexport = stmt[0] and target and target[: len(module)] == module and len(target) > len(module)
            if target and target != module and not reexport:
                uses.append(target)
            if target and segs and segs[-1] == target[-1] and target != module:
                aliases[segs[-1]] = target
            # `use super::X` then `X::y` in code: counted through the path X names.
    text_no_use = re.sub(r"use\s+[^;]+;", "", text)
    for m in re.finditer(r"(?<![\w:])(\w+(?:::\w+)+)", text_no_use):
        segs = m.group(1).split("::")
        if segs[0] in aliases:
            segs = ["crate", *aliases[segs[0]], *segs[1:]]
        elif module + (segs[0],) in files:
            segs = ["self", *segs]
        target = resolve(segs, here)
        if target and target != module:
            uses.append(target)
    return uses


edges = {m: set() for m in files}
for module, path in files.items():
    text = re.sub(r"//[^\n]*", "", path.read_text())
    # An inline module (`mod tests { ... }`, last in the file) is one level deeper: its `super`
    # is this file's module.
    inline = re.search(r"\bmod\s+(\w+)\s*\{", text)
    parts = [(text, module)] if not inline else [(text[: inline.start()], module), (text[inline.end():], module + (inline.group(1),))]
    uses = []
    for text, here in parts:
        uses += uses_in(text, here, module)
    edges[module].update(uses)

# Circles: strongly connected components of more than one file.
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]


def visit(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in edges[v]:
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            sccs.append(comp)


sys.setrecursionlimit(10000)
for v in files:
    if v not in index:
        visit(v)

name = lambda m: str(files[m].relative_to(SRC.parent))
for comp in sccs:
    members = set(comp)
    print("import circle:", ", ".join(sorted(name(m) for m in comp)))
    for m in sorted(comp):
        print("   ", name(m), "->", ", ".join(sorted(name(t) for t in edges[m] if t in members)))
print(f"{len(files)} files, {sum(len(e) for e in edges.values())} imports between them, {len(sccs)} circles")
sys.exit(1 if sccs else 0)
