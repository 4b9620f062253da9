#!/usr/bin/env python3
"""CPU time by stage of a `kg build`, from `perf script` output of a cpu-clock recording with
frame-pointer call chains (benches/stage_cpu.sh makes both). Each sample goes to the first stage,
in the order below, that one of its frames belongs to: discovery runs inside tagging's
`Pipeline::analyze`, typed relations inside `Pipeline::extract`, so the narrower stage is tried
first. Prints seconds of CPU (samples / frequency) and shares, all threads together: on a machine
whose cores the build keeps busy, the wall time follows the total.

    perf script -F comm,tid,ip,sym -i perf.data | python3 benches/stage_cpu.py HZ
"""

import sys
from collections import Counter

# (stage, a substring of a frame's symbol), narrowest first.
STAGES = [
    ("discovery", "kg::discover::"),
    ("reference resolution", "kg::relations::reference::"),
    ("typed relations", "kg::relations::rules::"),
    ("typed relations", "kg::relations::patterns::"),
    ("graph builder (main thread)", "kg::graph::builder::"),
    ("exports", "kg::export::"),
    ("sentence split", "kg::sentences::"),
    ("tagging", "kg::tagger"),
    ("tagging", "kg::normalize::normalize"),
    # What is left of analyze is the tagger's scan, inlined into it.
    ("tagging", "kg::Pipeline::analyze"),
    # What is left of extract: co-occurrences, gazetteer links, the piece's facts.
    ("co-occurrence and facts", "kg::Pipeline::extract"),
    ("loading the gazetteer", "kg::config::"),
    ("loading the gazetteer", "kg::gazetteer::"),
    ("reading input", "kg::corpus::"),
]


def samples(lines):
    """Yields each sample's frames, innermost first."""
    frames = None
    for line in lines:
        if not line.strip():
            continue
        # A sample's header names the thread; its frames follow, indented by a tab.
        if not line.startswith("\t"):
            if frames is not None:
                yield frames
            frames = []
        elif frames is not None:
            parts = line.split(None, 1)
            frames.append(parts[1].strip() if len(parts) > 1 else "?")
    if frames is not None:
        yield frames


def stage_of(frames):
    for stage, needle in STAGES:
        if any(needle in f for f in frames):
            return stage
    return "other (allocator, kernel, thread pool)"


def main():
    hz = float(sys.argv[1]) if len(sys.argv) > 1 else 2000.0
    counts = Counter(stage_of(f) for f in samples(sys.stdin))
    total = sum(counts.values())
    if total == 0:
        sys.exit("stage_cpu.py: no samples on stdin")
    for stage, n in counts.most_common():
        print(f"{n / hz:7.2f} s  {100 * n / total:5.1f}%  {stage}")
    print(f"{total / hz:7.2f} s  100.0%  all")


if __name__ == "__main__":
    main()
