"""Precision, recall and F1 per label, shared by the quality scorers."""


def scores(found, gold, labels, label_of):
    """Scores per label and for all labels together; `label_of` gives an item's label."""
    out = {}
    for label in list(labels) + ["all"]:
        f = {x for x in found if label in ("all", label_of(x))}
        g = {x for x in gold if label in ("all", label_of(x))}
        tp = len(f & g)
        p = tp / len(f) if f else 0.0
        r = tp / len(g) if g else 0.0
        out[label] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                      "tp": tp, "fp": len(f) - tp, "fn": len(g) - tp}
    return out


def table(scores, name="label"):
    """The scores as an aligned text table."""
    lines = [f"  {name:<12} {'P':>6} {'R':>6} {'F1':>6}    tp    fp    fn"]
    for label, s in scores.items():
        lines.append(f"  {label:<12} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} "
                     f"{s['tp']:5d} {s['fp']:5d} {s['fn']:5d}")
    return "\n".join(lines)
