"""Load a training run's checkpoint (models/training/runs/<name>/)."""

import json

import torch

from common import LABELS, TRAINING_DIR
from model import N_CHAR_SPECIALS, PlodTagger, build_char_table, build_letter_table
from tokenizer import SPECIALS, WordPieceTokenizer


def load_run(name):
    run_dir = TRAINING_DIR / "runs" / name
    ckpt = torch.load(run_dir / "model.pt")
    summary = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    cfg = ckpt["cfg"]
    tok = WordPieceTokenizer(ckpt["vocab"])
    char_table = build_char_table(ckpt["vocab"], ckpt["char_list"], cfg["model"]["max_chars"], len(SPECIALS))
    tagger = PlodTagger(len(tok.vocab), char_table, len(ckpt["char_list"]) + N_CHAR_SPECIALS, cfg["model"], len(LABELS),
                        build_letter_table(ckpt["vocab"], len(SPECIALS)))
    tagger.load_state_dict(ckpt["state_dict"])
    tagger.eval()
    return tagger, tok, summary
