"""Shared helpers: data location, CoNLL reading, label set, strict span-level metrics."""

import os
from pathlib import Path

LABELS = ["O", "B-AC", "B-LF", "I-LF"]
LABEL2ID = {label: i for i, label in enumerate(LABELS)}

TRAINING_DIR = Path(__file__).resolve().parent
REPO_ROOT = TRAINING_DIR.parent.parent
MODELS_DIR = REPO_ROOT / "models"


def default_data_dir():
    """`PLOD_DATA_DIR` if set, else `<repo>/../shared/data`."""
    env = os.environ.get("PLOD_DATA_DIR")
    if env:
        return Path(env).resolve()
    return (REPO_ROOT.parent / "shared" / "data").resolve()


def split_path(data_dir, split):
    """Path to a PLOD-CW split (`train`, `validation`, `test`) under the data dir."""
    data_dir = Path(data_dir)
    for candidate in (data_dir / "plod-cw" / f"{split}.conll", data_dir / f"{split}.conll"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"cannot find {split}.conll under {data_dir} (expected {data_dir}/plod-cw/{split}.conll); "
        "pass --data-dir or set PLOD_DATA_DIR"
    )


def read_conll(path):
    """Sentences as lists of (word, tag); PLOD's `B-O` is read as `O`."""
    sentences, words, tags = [], [], []
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                if words:
                    sentences.append((words, tags))
                    words, tags = [], []
                continue
            parts = line.split(" ")
            word, tag = parts[0], parts[-1]
            if tag == "B-O":
                tag = "O"
            if tag not in LABEL2ID:
                raise ValueError(f"{path}: unknown tag {tag!r} in line {line!r}")
            words.append(word)
            tags.append(tag)
    if words:
        sentences.append((words, tags))
    return sentences


def spans_from_tags(tags):
    """Strict spans, conlleval convention (same as src/core/eval/metrics.ts spansFromTags):
    each B-X opens a span (so `B-AC B-AC` is two spans), I-X continues a directly preceding
    span of label X or else opens one, O closes. Returns a set of (label, start, end)."""
    spans = []
    open_span = None
    for i, tag in enumerate(tags):
        if tag == "O":
            open_span = None
            continue
        label = tag[2:]
        if tag.startswith("I-") and open_span is not None and open_span[0] == label and open_span[2] == i:
            open_span[2] = i + 1
            continue
        open_span = [label, i, i + 1]
        spans.append(open_span)
    return {tuple(span) for span in spans}


def span_scores(gold_seqs, pred_seqs):
    """Strict span-level P/R/F1 per label (AC, LF) and micro over both; O is never an entity."""
    counts = {"AC": [0, 0, 0], "LF": [0, 0, 0]}  # tp, fp, fn
    for gold, pred in zip(gold_seqs, pred_seqs):
        assert len(gold) == len(pred)
        g = spans_from_tags(gold)
        p = spans_from_tags(pred)
        for label in counts:
            gl = {s for s in g if s[0] == label}
            pl = {s for s in p if s[0] == label}
            counts[label][0] += len(gl & pl)
            counts[label][1] += len(pl - gl)
            counts[label][2] += len(gl - pl)

    def prf(tp, fp, fn):
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}

    result = {label: prf(*c) for label, c in counts.items()}
    result["micro"] = prf(*[counts["AC"][k] + counts["LF"][k] for k in range(3)])
    return result


def token_accuracy(gold_seqs, pred_seqs):
    total = sum(len(g) for g in gold_seqs)
    same = sum(a == b for g, p in zip(gold_seqs, pred_seqs) for a, b in zip(g, p))
    return same / total if total else 0.0
