#!/usr/bin/env python3
"""Scores kg's typed relations on a CoNLL04 split (JSON as in ../shared/data/conll04/README.md).

Only the relation step is measured: every gold Peop/Org/Loc span becomes a gazetteer entry
(PERSON/ORG/PLACE), each sentence becomes one document, and `kg relations` runs on them with the
default relation patterns and no built-in gazetteer. kg's predicates map to CoNLL04 labels by
argument types (issue 13); a relation counts when both argument spans are exact and the label
matches. Prints precision, recall and F1 per label and overall, and a baseline that links every
type-compatible pair in a sentence.

    python3 benches/quality/conll04.py ../shared/data/conll04/conll04_dev.json [--kg PATH]
        [--errors N [--label Live_In]] [--baseline] [extra kg arguments, such as --open-relations]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

import scoring

KINDS = {"Peop": "PERSON", "Org": "ORG", "Loc": "PLACE"}
# CoNLL04 label -> (subject type, object type, kg predicates that count)
LABELS = {
    "Kill": ("PERSON", "PERSON", {"killed"}),
    "Work_For": ("PERSON", "ORG", {"works_for", "holds_role_in", "leader_of", "member_of"}),
    "Live_In": ("PERSON", "PLACE", {"lives_in", "born_in", "citizen_of", "holds_role_in"}),
    "Located_In": ("PLACE", "PLACE", {"located_in", "part_of"}),
    "OrgBased_In": ("ORG", "PLACE", {"based_in", "located_in", "operates_in", "part_of"}),
}


def label_of(predicate, s_kind, o_kind):
    for label, (s, o, preds) in LABELS.items():
        if (s, o) == (s_kind, o_kind) and predicate in preds:
            return label
    return None


def prepare(sentences, folder):
    """Writes one document per sentence and the gazetteer; returns per-sentence byte spans."""
    names = {}
    spans = []
    os.makedirs(f"{folder}/docs")
    for i, s in enumerate(sentences):
        offsets, pos = [], 0
        for t in s["tokens"]:
            b = len(t.encode("utf-8"))
            offsets.append((pos, pos + b))
            pos += b + 1
        text = " ".join(s["tokens"])
        with open(f"{folder}/docs/s{i:04d}.txt", "w", encoding="utf-8") as f:
            f.write(text + "\n")
        ents = []
        for e in s["entities"]:
            span = (offsets[e["start"]][0], offsets[e["end"] - 1][1])
            ents.append((span, KINDS.get(e["type"])))
            if e["type"] in KINDS:
                name = " ".join(s["tokens"][e["start"] : e["end"]])
                names.setdefault((KINDS[e["type"]], name), None)
        spans.append(ents)
    with open(f"{folder}/gold.tsv", "w", encoding="utf-8") as f:
        for n, (kind, name) in enumerate(sorted(names)):
            slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
            f.write(f"g{n}_{slug}\t{kind}\t{name}\n")
    return spans


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("split")
    ap.add_argument("--kg", default="target/release/kg")
    ap.add_argument("--errors", type=int, default=0, help="print N missed and N wrong relations")
    ap.add_argument("--label", help="with --errors: only this label's, grouped by what lies "
                    "between the two names (entities shown as <Peop>, <Org>, <Loc>)")
    ap.add_argument("--baseline", action="store_true", help="also score the all-pairs baseline")
    ap.add_argument("--json", action="store_true", help="print kg's scores as one JSON object")
    args, args.rest = ap.parse_known_args()
    args.rest = [a for a in args.rest if a != "--"]
    args.kg = os.path.abspath(args.kg)
    sentences = json.load(open(args.split, encoding="utf-8"))
    gold = set()
    for i, s in enumerate(sentences):
        for r in s["relations"]:
            h, t = s["entities"][r["head"]], s["entities"][r["tail"]]
            gold.add((i, h["start"], h["end"], t["start"], t["end"], r["type"]))
    with tempfile.TemporaryDirectory() as folder:
        spans = prepare(sentences, folder)
        cmd = [args.kg, "relations", "docs", "--no-default-gazetteer", "--gazetteer", "gold.tsv"]
        out = subprocess.run(cmd + args.rest, cwd=folder, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"kg failed: {out.stderr}")
        tagged = subprocess.run(
            [args.kg, "tag", "docs", "--no-default-gazetteer", "--gazetteer", "gold.tsv"],
            cwd=folder, capture_output=True, text=True, check=True,
        ).stdout
    token_of = []  # (sentence, byte span) -> token span
    for i, s in enumerate(sentences):
        token_of.append({span: (e["start"], e["end"]) for (span, _), e in zip(spans[i], s["entities"])})
    def antecedent(i, arg, r):
        # A relation read through a reference ("via": "his") names the entity the pronoun stands
        # for: it counts for the gold span of that entity's name in the sentence, if just one.
        if "via" not in r:
            return None
        spans = [token_of[i][span] for span, _ in spans_of[i]
                 if texts[i][span[0]:span[1]] == arg["name"]]
        return spans[0] if len(spans) == 1 else None

    texts = [" ".join(s["tokens"]) for s in sentences]
    spans_of = spans
    found = set()
    for line in out.stdout.splitlines():
        r = json.loads(line)
        i = int(re.search(r"s(\d+)\.txt$", r["doc"]).group(1))
        subj, obj = r["subject"], r["object"]
        label = label_of(r["predicate"], subj["type"], obj["type"])
        hs = token_of[i].get((subj["start"], subj["end"])) or antecedent(i, subj, r)
        ts = token_of[i].get((obj["start"], obj["end"])) or antecedent(i, obj, r)
        if label and hs and ts:
            found.add((i, *hs, *ts, label))
        elif label:
            found.add((i, -1, -1, -1, -1, label))  # an argument span no gold entity has: wrong
    # How well the gold gazetteer's names were found, so tagging losses are not blamed on rules.
    gold_mentions = {(i, span) for i, ents in enumerate(spans) for span, k in ents if k}
    got_mentions = set()
    for line in tagged.splitlines():
        m = json.loads(line)
        i = int(re.search(r"s(\d+)\.txt$", m["doc"]).group(1))
        got_mentions.add((i, (m["start"], m["end"])))
    if args.json:
        print(json.dumps(scores(found, gold)))
        return
    print(f"{args.split}: {len(sentences)} sentences, {len(gold)} relations; "
          f"gold entity spans found exactly by the tagger: "
          f"{len(gold_mentions & got_mentions)}/{len(gold_mentions)}")
    report("kg", found, gold)
    if args.baseline:
        base = set()
        for i, s in enumerate(sentences):
            ents = s["entities"]
            for a in ents:
                for b in ents:
                    if a is b:
                        continue
                    pair = (KINDS.get(a["type"]), KINDS.get(b["type"]))
                    for label, (sk, ok, _) in LABELS.items():
                        if pair == (sk, ok):
                            base.add((i, a["start"], a["end"], b["start"], b["end"], label))
        report("baseline (every type-compatible pair)", base, gold)
    if args.errors:
        show = lambda r: (
            f"  {r[5]}: {' '.join(sentences[r[0]]['tokens'][r[1]:r[2]])} -> "
            f"{' '.join(sentences[r[0]]['tokens'][r[3]:r[4]])} | {' '.join(sentences[r[0]]['tokens'])}"
        )
        if args.label:
            show = lambda r: f"  {shape(sentences[r[0]], r)}"
        pick = lambda rs: sorted((r for r in rs if args.label in (None, r[5])),
                                 key=lambda r: (shape(sentences[r[0]], r), r))[: args.errors]
        print("missed:")
        for r in pick(gold - found):
            print(show(r))
        print("wrong:")
        for r in pick(found - gold):
            print(show(r))


def shape(s, r):
    """The words between a relation's two names, other entities as their type: "[[X]] , born
    in [[Y]]" reads as the construction it is an example of."""
    if r[1] < 0:
        return "(an argument span no gold entity has) " + " ".join(s["tokens"])
    (a0, a1), (b0, b1) = sorted([(r[1], r[2]), (r[3], r[4])])
    out, k = [], a1
    while k < b0:
        e = next((e for e in s["entities"] if e["start"] == k), None)
        out.append(f"<{e['type']}>" if e else s["tokens"][k])
        k = e["end"] if e else k + 1
    name = lambda i, j: "[[" + " ".join(s["tokens"][i:j]) + "]]"
    order = "" if (a0, a1) == (r[1], r[2]) else "(object first) "
    return f"{order}{' '.join(s['tokens'][max(0, a0 - 4):a0])} {name(a0, a1)} " \
        f"{' '.join(out)} {name(b0, b1)} {' '.join(s['tokens'][b1:b1 + 3])}"


def scores(found, gold):
    return scoring.scores(found, gold, LABELS, lambda r: r[5])


def report(name, found, gold):
    print(f"{name}:")
    print(scoring.table(scores(found, gold)))


if __name__ == "__main__":
    main()
