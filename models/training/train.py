#!/usr/bin/env python3
"""Train a PLOD abbreviation / long-form tagger and write a transformers.js model folder.

    ${PYTHON:-python3} models/training/train.py models/training/configs/plod-base.json

Trains on PLOD-CW train only, selects the epoch on PLOD-CW validation, never reads test.
"""

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

# Under CPU contention busy-waiting OpenMP threads slow training badly; results do not depend on this. It must be
# set before numpy and torch load OpenMP, hence the imports below it.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    LABEL2ID, LABELS, MODELS_DIR, TRAINING_DIR, default_data_dir, read_conll, read_extra, rule_tags, span_scores,
    split_path, token_accuracy,
)
from model import (  # noqa: E402
    N_CHAR_SPECIALS, RULE_FEATURE_IDS, PlodTagger, build_char_table, build_letter_table, rule_features_by_piece,
)
from tokenizer import SPECIALS, WordPieceTokenizer, build_vocab  # noqa: E402
from vectors import initialise_embedding, load_vectors  # noqa: E402

IGNORE = -100


def set_seed(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def pad_batch(seqs, pad_id):
    width = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s, dtype=torch.long)
        mask[i, : len(s)] = 1
    return ids, mask


class Encoded:
    """A sentence with per-word ids (normal and split-augmented) and label ids."""

    def __init__(self, tok, words, tags, rules=None):
        self.words = words
        self.tags = tags
        self.rule_ids = [RULE_FEATURE_IDS[t] for t in rules] if rules is not None else None
        self.word_ids = [tok.encode_word(w) for w in words]
        self.split_ids = [tok.encode_word_split(w) for w in words]
        self.labels = [LABEL2ID[t] for t in tags]

    def build(self, tok, rng=None, split_prob=0.0):
        chosen = self.word_ids
        if rng is not None and split_prob > 0:
            chosen = [s if rng.random() < split_prob else w for w, s in zip(self.word_ids, self.split_ids)]
        ids, first = tok.encode_words(self.words, chosen)
        labels = [IGNORE] * len(ids)
        for pos, lab in zip(first, self.labels):
            labels[pos] = lab
        features = rule_features_by_piece(first, len(ids), self.rule_ids) if self.rule_ids else [0] * len(ids)
        return ids, first, labels, features


def make_batches(items, batch_size, rng, shuffle=True):
    order = list(range(len(items)))
    if shuffle:
        rng.shuffle(order)
    # Bucket: sort chunks of 20 batches by length to cut padding, then shuffle the batches.
    chunk = batch_size * 20
    batches = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start : start + chunk], key=lambda i: len(items[i].words))
        batches.extend(part[i : i + batch_size] for i in range(0, len(part), batch_size))
    if shuffle:
        rng.shuffle(batches)
    return batches


@torch.no_grad()
def predict(model, tok, sentences, batch_size=64):
    """Word-level tag predictions (argmax at each word's first piece), in sentence order."""
    model.eval()
    preds = [None] * len(sentences)
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i].words))
    for start in range(0, len(order), batch_size):
        idx = order[start : start + batch_size]
        built = [sentences[i].build(tok) for i in idx]
        ids, mask = pad_batch([b[0] for b in built], tok.pad_id)
        features, _ = pad_batch([b[3] for b in built], 0)
        logits = model(ids, mask, features)
        best = logits.argmax(-1)
        for row, i in enumerate(idx):
            preds[i] = [LABELS[int(best[row, p])] for p in built[row][1]]
    return preds


def evaluate(model, tok, sentences):
    preds = predict(model, tok, sentences)
    gold = [s.tags for s in sentences]
    scores = span_scores(gold, preds)
    scores["token_accuracy"] = token_accuracy(gold, preds)
    return scores


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("config", help="JSON config, e.g. models/training/configs/plod-base.json")
    parser.add_argument("--data-dir", default=None,
                        help="data root (default: $PLOD_DATA_DIR or <repo>/../shared/data)")
    parser.add_argument("--output-dir", default=None, help="model folder (default: models/<config output_dir>)")
    parser.add_argument("--epochs", type=int, default=None, help="override the config's epochs (for quick tests)")
    parser.add_argument("--threads", type=int, default=None, help="override the config's torch threads")
    parser.add_argument("--no-export", action="store_true", help="train and report only")
    parser.add_argument("--seed", type=int, default=None, help="override the config's seed")
    parser.add_argument("--name", default=None, help="override the config's name (the run folder under runs/)")
    return parser.parse_args()


def load_config(args):
    """The config with the command line's overrides, its path, and the data, model and run folders.
    Creates the run folder."""
    config_path = Path(args.config).resolve()
    cfg = json.loads(config_path.read_text(encoding="utf-8"))
    if args.epochs is not None:
        cfg["training"]["epochs"] = args.epochs
    data_dir = Path(args.data_dir).resolve() if args.data_dir else default_data_dir()
    out_dir = Path(args.output_dir).resolve() if args.output_dir else MODELS_DIR / cfg["output_dir"]
    if args.name:
        cfg["name"] = args.name
    run_dir = TRAINING_DIR / "runs" / cfg["name"]
    run_dir.mkdir(parents=True, exist_ok=True)
    if args.threads is not None:
        cfg["threads"] = args.threads
    if args.seed is not None:
        cfg["seed"] = args.seed
    return cfg, config_path, data_dir, out_dir, run_dir


def setup_torch(cfg):
    """Threads, deterministic algorithms and seeds; returns the RNG that shuffles batches and splits words."""
    torch.set_num_threads(cfg.get("threads", 2))
    torch.use_deterministic_algorithms(True)
    set_seed(cfg["seed"])
    return random.Random(cfg["seed"])


def count_words(sentences):
    return sum(len(words) for words, _ in sentences)


def load_data(cfg, data_dir, cache_dir):
    """Training sentences (PLOD-CW train `plod_repeat` times, then the config's `extra_train`), the validation
    sentences, and what the training data was, for the summary and the model card."""
    train_raw = read_conll(split_path(data_dir, "train"))
    val_raw = read_conll(split_path(data_dir, "validation"))
    print(f"data: {data_dir} train {len(train_raw)} sentences / {count_words(train_raw)} words, "
          f"validation {len(val_raw)} / {count_words(val_raw)}", flush=True)

    extra_parts = [(entry["path"], read_extra(data_dir, entry, cache_dir)) for entry in cfg.get("extra_train", [])]
    extra_raw = [s for _, part in extra_parts for s in part]
    if extra_raw:
        print(f"extra training data: {len(extra_raw)} sentences / {count_words(extra_raw)} words", flush=True)
    plod_repeat = cfg["training"].get("plod_repeat", 1)
    training_data = {
        "plod_sentences": len(train_raw),
        "plod_words": count_words(train_raw),
        "plod_repeat": plod_repeat,
        "extra": [{"path": path, "sentences": len(part), "words": count_words(part)} for path, part in extra_parts],
    }
    return train_raw * plod_repeat + extra_raw, val_raw, training_data


def build_tokenizer(train_raw, kcfg, max_chars, extra_words=()):
    """WordPiece vocabulary and tokenizer from the training words (and `extra_words`, the pretrained vectors'
    most frequent words, after them), their characters, and the per-piece character table of the char CNN."""
    counts = Counter(w for words, _ in train_raw for w in words)
    vocab = build_vocab(counts, kcfg["min_word_freq"], kcfg["max_vocab"], kcfg["piece_min_types"],
                        kcfg["max_piece_len"], extra_words)
    tok = WordPieceTokenizer(vocab)
    char_list = sorted({ch for w in counts for ch in w})
    char_table = build_char_table(vocab, char_list, max_chars, len(SPECIALS))
    print(f"vocab {len(vocab)}, chars {len(char_list)}", flush=True)
    return vocab, tok, char_list, char_table


def encode_data(tok, train_raw, val_raw, use_rules, cache_dir):
    """Encoded training and validation sentences, with the rules tagger's tags when the model takes them."""
    if use_rules:
        train_rules, val_rules = rule_tags(train_raw, cache_dir, "train"), rule_tags(val_raw, cache_dir, "validation")
    else:
        train_rules, val_rules = [None] * len(train_raw), [None] * len(val_raw)
    train = [Encoded(tok, w, t, r) for (w, t), r in zip(train_raw, train_rules)]
    val = [Encoded(tok, w, t, r) for (w, t), r in zip(val_raw, val_rules)]
    return train, val


def build_model(vocab, char_list, char_table, mcfg):
    model = PlodTagger(len(vocab), char_table, len(char_list) + N_CHAR_SPECIALS, mcfg, len(LABELS),
                       build_letter_table(vocab, len(SPECIALS)))
    n_params = sum(p.numel() for p in model.parameters())
    print(f"parameters (training graph): {n_params}", flush=True)
    return model, n_params


def build_optimiser(model, tcfg, n_train):
    """Weighted cross-entropy, AdamW, and a per-step schedule: linear warm-up, then linear decay to 5 %."""
    weights = torch.tensor([tcfg.get("o_weight", 1.0), 1.0, 1.0, 1.0])
    loss_fn = nn.CrossEntropyLoss(weight=weights, ignore_index=IGNORE)
    optim = torch.optim.AdamW(model.parameters(), lr=tcfg["lr"], weight_decay=tcfg.get("weight_decay", 0.0))
    batches_per_epoch = (n_train + tcfg["batch_size"] - 1) // tcfg["batch_size"]
    total_steps = batches_per_epoch * tcfg["epochs"]
    warmup = tcfg.get("warmup_steps", 50)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min(1.0, (s + 1) / warmup) * max(0.05, 1.0 - s / max(1, total_steps))
    )
    return loss_fn, optim, sched


def train_epoch(model, tok, train, tcfg, rng, loss_fn, optim, sched):
    """One pass over the training sentences; returns the summed (per-sentence) loss and the tokens seen."""
    model.train()
    total_loss, n_tokens = 0.0, 0
    for batch in make_batches(train, tcfg["batch_size"], rng):
        built = [train[i].build(tok, rng, tcfg.get("split_word_prob", 0.0)) for i in batch]
        ids, mask = pad_batch([b[0] for b in built], tok.pad_id)
        labels, _ = pad_batch([b[2] for b in built], IGNORE)
        features, _ = pad_batch([b[3] for b in built], 0)
        logits = model(ids, mask, features)
        loss = loss_fn(logits.reshape(-1, logits.size(-1)), labels.reshape(-1))
        optim.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), tcfg.get("clip", 5.0))
        optim.step()
        sched.step()
        total_loss += float(loss) * len(batch)
        n_tokens += int(mask.sum())
    return total_loss, n_tokens


def fit(model, tok, train, val, tcfg, rng, loss_fn, optim, sched):
    """Trains epoch by epoch, printing each epoch's line, with early stopping on validation micro span F1.
    Returns the per-epoch log, the best epoch and a copy of its weights."""
    best, best_epoch, best_state, bad, log = -1.0, 0, None, 0, []
    for epoch in range(1, tcfg["epochs"] + 1):
        t0 = time.time()
        total_loss, n_tokens = train_epoch(model, tok, train, tcfg, rng, loss_fn, optim, sched)
        train_time = time.time() - t0
        scores = evaluate(model, tok, val)
        sel = scores["micro"]["f1"]
        entry = {
            "epoch": epoch,
            "loss": round(total_loss / len(train), 4),
            "tokens_per_s": round(n_tokens / train_time),
            "val_ac_f1": round(scores["AC"]["f1"], 4),
            "val_lf_f1": round(scores["LF"]["f1"], 4),
            "val_micro_f1": round(sel, 4),
            "val_token_acc": round(scores["token_accuracy"], 4),
        }
        log.append(entry)
        print(json.dumps(entry), flush=True)
        if sel > best:
            best, best_epoch, bad = sel, epoch, 0
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        else:
            bad += 1
            if bad >= tcfg.get("patience", 1000):
                print(f"early stop: no validation improvement for {bad} epochs", flush=True)
                break
    return log, best_epoch, best_state


def final_report(model, tok, val, best_epoch, best_state, elapsed):
    """Restores the best epoch's weights, evaluates them on validation and prints the result."""
    model.load_state_dict(best_state)
    final = evaluate(model, tok, val)
    print(f"best epoch {best_epoch}: validation AC F1 {final['AC']['f1']:.4f} LF F1 {final['LF']['f1']:.4f} "
          f"micro {final['micro']['f1']:.4f}; training {elapsed:.0f} s", flush=True)
    return final


def save_run(run_dir, model, vocab, char_list, cfg, summary):
    """`model.pt` (weights, vocabulary, characters, config) and `summary.json` in the run folder."""
    torch.save({"state_dict": model.state_dict(), "vocab": vocab, "char_list": char_list, "cfg": cfg},
               run_dir / "model.pt")
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(f"checkpoint: {run_dir / 'model.pt'}", flush=True)


def main():
    args = parse_args()
    cfg, config_path, data_dir, out_dir, run_dir = load_config(args)
    tcfg, mcfg = cfg["training"], cfg["model"]
    rng = setup_torch(cfg)

    cache_dir = run_dir / "data"
    train_raw, val_raw, training_data = load_data(cfg, data_dir, cache_dir)
    pretrained = mcfg.get("pretrained_vectors")
    vector_words, vectors = load_vectors(cache_dir, pretrained["top_words"]) if pretrained else ([], {})
    vocab, tok, char_list, char_table = build_tokenizer(train_raw, cfg["tokenizer"], mcfg["max_chars"], vector_words)
    train, val = encode_data(tok, train_raw, val_raw, bool(mcfg.get("rule_features")), cache_dir)
    model, n_params = build_model(vocab, char_list, char_table, mcfg)
    if pretrained:
        rows = initialise_embedding(model.word_embed, vocab, vectors, cfg["seed"])
        print(f"pretrained vectors: {rows} of {len(vocab)} embedding rows", flush=True)
    loss_fn, optim, sched = build_optimiser(model, tcfg, len(train))

    start = time.time()
    log, best_epoch, best_state = fit(model, tok, train, val, tcfg, rng, loss_fn, optim, sched)
    elapsed = time.time() - start
    final = final_report(model, tok, val, best_epoch, best_state, elapsed)

    summary = {
        "config": cfg,
        "config_path": os.path.relpath(config_path, TRAINING_DIR.parent.parent),
        "vocab_size": len(vocab),
        "training_data": training_data,
        "char_list": char_list,
        "parameters_training": n_params,
        "best_epoch": best_epoch,
        "epochs_run": len(log),
        "training_seconds": round(elapsed, 1),
        "validation": final,
        "log": log,
        "torch": torch.__version__,
    }
    save_run(run_dir, model, vocab, char_list, cfg, summary)

    if not args.no_export:
        from folder import write_model_folder

        write_model_folder(model, tok, cfg, summary, out_dir)


if __name__ == "__main__":
    main()
