#!/usr/bin/env python3
"""Dump Python-side reference data for check_node.mjs to a JSON file:

* the validation sentences (words, gold tags);
* Python token ids for every validation word, every train word and some edge cases, computed with the
  Python WordPiece re-implementation reading the model folder's tokenizer.json;
* if the training run's checkpoint (models/training/runs/<name>/model.pt) exists and matches the folder's
  vocabulary: PyTorch logits for every validation sentence run alone (no padding).

    ${PYTHON:-python3} models/training/dump_reference.py models/plod-base /tmp/ref.json [--data-dir DIR]
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    RULE_FEATURE_IDS, TRAINING_DIR, default_data_dir, read_conll, rule_features_by_piece, rule_tags, split_path,
)
from tokenizer import WordPieceTokenizer  # noqa: E402

EDGE_CASES = [
    "", " ", "a b", "\u00a0", "x\u00a0y", "[CLS]", "[SEP]x", "a[PAD]b", "[UNK]", "##", "##ab", "###",
    "GYPES", "SARS-CoV-2", "IL-6", "Δ", "αβγ", "😀", "a😀b", "Ω", "e\u0301", "ﬁ", "（", "A" * 100, "A" * 101,
    "x" * 150, "Müller", "naïve", "\u200b", "a\u200bb", "\ufeff", "tab\tword", "new\nline",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model_dir")
    parser.add_argument("out_json")
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--no-logits", action="store_true")
    parser.add_argument("--words-only", action="store_true",
                        help="token ids only: no rule features, no logits, no torch")
    args = parser.parse_args()

    model_dir = Path(args.model_dir).resolve()
    data_dir = Path(args.data_dir).resolve() if args.data_dir else default_data_dir()
    tok = WordPieceTokenizer.from_json(model_dir / "tokenizer.json")
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    name = config.get("plod_tagger", {}).get("name", model_dir.name)

    val = read_conll(split_path(data_dir, "validation"))
    train = read_conll(split_path(data_dir, "train"))
    words = []
    seen = set()
    for w in [w for ws, _ in val for w in ws] + [w for ws, _ in train for w in ws] + EDGE_CASES:
        if w not in seen:
            seen.add(w)
            words.append(w)
    takes_rules = "rule_features" in config.get("plod_tagger", {}).get("input", {}) and not args.words_only
    rules = None
    if takes_rules:
        tags = rule_tags(val, TRAINING_DIR / "runs" / name / "data", "validation")
        rules = [[RULE_FEATURE_IDS[t] for t in seq] for seq in tags]
    out = {
        "model": name,
        "sentences": [
            {"words": ws, "tags": ts, **({"rule_ids": rules[i]} if rules else {})} for i, (ws, ts) in enumerate(val)
        ],
        "word_ids": [[w, tok.encode_word(w)] for w in words],
        "logits": None,
    }

    run = TRAINING_DIR / "runs" / name / "model.pt"
    if not args.no_logits and not args.words_only and run.is_file():
        import torch

        from runs import load_run

        torch.set_num_threads(2)
        tagger, run_tok, _ = load_run(name)
        if run_tok.vocab != tok.vocab:
            print("dump_reference: checkpoint vocabulary differs from the folder's; no logits", file=sys.stderr)
        else:
            logits = []
            with torch.no_grad():
                for i, (ws, _) in enumerate(val):
                    ids, first = tok.encode_words(ws)
                    x = torch.tensor([ids])
                    features = torch.tensor([rule_features_by_piece(first, len(ids), rules[i])]) if rules else None
                    y = tagger(x, torch.ones_like(x), features)[0]
                    logits.append([[round(float(v), 6) for v in row] for row in y])
            out["logits"] = logits
    Path(args.out_json).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    print(f"dump_reference: {len(out['sentences'])} sentences, {len(words)} words, "
          f"logits {'yes' if out['logits'] else 'no'} -> {args.out_json}", file=sys.stderr)


if __name__ == "__main__":
    main()
