"""Shared helpers: data location, CoNLL reading, label set, strict span-level metrics."""

import json
import os
import subprocess
from pathlib import Path

LABELS = ["O", "B-AC", "B-LF", "I-LF"]
LABEL2ID = {label: i for i, label in enumerate(LABELS)}

# Rule features: per sub-word, the rules tagger's tag of its word (0 for special tokens and padding).
# Must match RULE_FEATURE_IDS in src/core/taggers/ruleFeatures.ts.
RULE_FEATURE_IDS = {"O": 1, "B-AC": 2, "I-AC": 2, "B-LF": 3, "I-LF": 4}
N_RULE_FEATURES = 5


def rule_features_by_piece(first, length, word_rule_ids):
    """Per position of a `[CLS] pieces... [SEP]` sequence of `length`: every piece carries its word's rule id,
    `[CLS]`/`[SEP]` get 0. `first[k]` is the position of word k's first piece."""
    row = [0] * length
    for start, end, rule in zip(first, first[1:] + [length - 1], word_rule_ids):
        row[start:end] = [rule] * (end - start)
    return row


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


def node_data(command, source, target):
    """Run `node_data.ts` (the runtime's own TypeScript, through tsx) unless `target` is newer than `source`."""
    source, target = Path(source), Path(target)
    script = TRAINING_DIR / "node_data.ts"
    if target.is_file() and target.stat().st_mtime >= max(source.stat().st_mtime, script.stat().st_mtime):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tsx = REPO_ROOT / "node_modules" / ".bin" / "tsx"
    if not tsx.exists():
        raise FileNotFoundError(f"{tsx} is missing: run `npm ci` in {REPO_ROOT} first")
    subprocess.run([str(tsx), str(script), command, str(source), str(target)], check=True, cwd=REPO_ROOT)
    return target


def read_extra(data_dir, entry, cache_dir):
    """Extra training sentences from a config entry `{"path": ..., "format": "sdu" | "conll"}` under the data dir."""
    path = Path(data_dir) / entry["path"]
    if not path.is_file():
        raise FileNotFoundError(f"extra training data {path} is missing; pass --data-dir or set PLOD_DATA_DIR")
    if entry.get("format", "conll") == "sdu":
        path = node_data("sdu", path, Path(cache_dir) / (entry["path"].replace("/", "__") + ".conll"))
    return read_conll(path)


def rule_tags(sentences, cache_dir, name):
    """The runtime rules tagger's tags for each sentence alone (`ruleFeatureTags` in src/core/taggers/rules.ts)."""
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    conll = cache_dir / f"{name}.words.conll"
    text = "\n".join("".join(f"{w} _ O\n" for w in words) for words, _ in sentences)
    if not conll.is_file() or conll.read_text(encoding="utf-8") != text:
        conll.write_text(text, encoding="utf-8")
    out = node_data("rules", conll, cache_dir / f"{name}.rules.json")
    tags = json.loads(out.read_text(encoding="utf-8"))
    if len(tags) != len(sentences) or any(len(t) != len(w) for t, (w, _) in zip(tags, sentences)):
        raise ValueError(f"rule features for {name} do not line up with its sentences")
    return [["O" if t == "B-O" else t for t in seq] for seq in tags]
