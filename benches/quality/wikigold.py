#!/usr/bin/env python3
"""Scores kg's mentions on wikigold (145 Wikipedia articles with PER/ORG/LOC/MISC; format in
../shared/data/wikigold/README.md): exact span and type, PER=PERSON, ORG=ORG, LOC=PLACE, MISC
left out. Each article becomes one file (tokens joined by spaces, sentences by line breaks) and
`kg tag` runs on them with its built-in gazetteer and whatever arguments follow.

The first 100 articles are the tuning part, the last 45 the held-out part (`--part`).

    python3 benches/quality/wikigold.py ../shared/data/wikigold/wikigold.conll.txt \\
        [--part tune|held-out|all] [--kg PATH] [--errors N] [--json] [kg arguments...]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import scoring

TYPES = {"PERSON": "PER", "ORG": "ORG", "PLACE": "LOC"}
TUNE = 100


def articles(path):
    """Yields (text, [(start, end, type)]) per article; spans are byte offsets."""
    sentences, sentence = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if sentence:
                sentences.append(sentence)
            if sentences:
                yield build(sentences)
            sentences, sentence = [], []
        elif not line.strip():
            if sentence:
                sentences.append(sentence)
            sentence = []
        else:
            token, tag = line.rsplit(" ", 1)
            sentence.append((token, tag))
    if sentence:
        sentences.append(sentence)
    if sentences:
        yield build(sentences)


def build(sentences):
    text, spans, pos = [], [], 0
    for s in sentences:
        current = None
        for i, (token, tag) in enumerate(s):
            if i:
                pos += 1
            start = pos
            pos += len(token.encode("utf-8"))
            kind = tag[2:] if tag != "O" else None
            if current and current[2] == kind:
                current[1] = pos
            else:
                if current and current[2] != "MISC":
                    spans.append(tuple(current))
                current = [start, pos, kind] if kind else None
        if current and current[2] != "MISC":
            spans.append(tuple(current))
        text.append(" ".join(t for t, _ in s))
        pos += 1
    return "\n".join(text) + "\n", spans


def score(found, gold):
    return scoring.scores(found, gold, ("PER", "ORG", "LOC"), lambda x: x[3])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--kg", default="target/release/kg")
    ap.add_argument("--part", choices=["tune", "held-out", "all"], default="all")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args, rest = ap.parse_known_args()
    kg = os.path.abspath(args.kg)
    docs = list(articles(args.data))
    chosen = {"tune": range(0, TUNE), "held-out": range(TUNE, len(docs)),
              "all": range(len(docs))}[args.part]
    gold, found, texts = set(), set(), {}
    with tempfile.TemporaryDirectory() as folder:
        os.makedirs(f"{folder}/docs")
        for i in chosen:
            text, spans = docs[i]
            name = f"a{i:03d}.txt"
            texts[name] = text.encode("utf-8")
            with open(f"{folder}/docs/{name}", "w", encoding="utf-8") as f:
                f.write(text)
            gold |= {(name, s, e, k) for s, e, k in spans}
        out = subprocess.run([kg, "tag", "docs", *[a for a in rest if a != "--"]], cwd=folder,
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"kg failed: {out.stderr}")
    for line in out.stdout.splitlines():
        m = json.loads(line)
        kind = TYPES.get(m["type"])
        if kind:
            found.add((os.path.basename(m["doc"]), m["start"], m["end"], kind))
    scores = score(found, gold)
    if args.json:
        print(json.dumps(scores))
        return
    print(f"wikigold, {args.part} part: {len(chosen)} articles, {len(gold)} PER/ORG/LOC mentions")
    print(scoring.table(scores, "type"))
    if args.errors:
        def show(x):
            t = texts[x[0]]
            line_start = t.rfind(b"\n", 0, x[1]) + 1
            line_end = t.find(b"\n", x[2])
            ctx = t[max(line_start, x[1] - 60):min(line_end, x[2] + 40)].decode(errors="replace")
            return f"  {x[3]} {t[x[1]:x[2]].decode()!r} | {ctx}"
        spans_gold = {(x[0], x[1], x[2]): x[3] for x in gold}
        print("missed:")
        for x in sorted(gold - found)[: args.errors]:
            print(show(x))
        print("wrong (span found with another type marked ~):")
        for x in sorted(found - gold)[: args.errors]:
            mark = "~" if (x[0], x[1], x[2]) in spans_gold else " "
            print(mark + show(x)[1:])


if __name__ == "__main__":
    main()
