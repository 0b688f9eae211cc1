"""Write the transformers.js model folder: config.json, tokenizer files, onnx/model.onnx,
onnx/model_quantized.onnx and the README.md model card."""

import json
from pathlib import Path

import onnx
from onnx import numpy_helper

from common import LABELS, LABEL2ID
from export import export_onnx
from quantize import quantize_file

LICENCE_DATA = "CC BY-SA 4.0"
LICENCE_SDU = "CC BY-NC-SA 4.0"
RULE_FEATURES_PROTOCOL = (
    "rule_ids (int64, [batch, sequence]): per sub-word, the tag that the runtime's rules tagger "
    "(ruleFeatureTags in src/core/taggers/rules.ts) gives its word when the sentence is tagged alone: "
    "O=1, B-AC=2, B-LF=3, I-LF=4; 0 for [CLS], [SEP] and padding"
)


def uses_sdu(cfg):
    return any("sdu22" in entry["path"] for entry in cfg.get("extra_train", []))


def data_licence(cfg):
    return LICENCE_SDU if uses_sdu(cfg) else LICENCE_DATA


def training_data_text(cfg):
    text = "PLOD-CW train (" + LICENCE_DATA + ")"
    if uses_sdu(cfg):
        text += " + SDU@AAAI-22 acronym extraction, English (" + LICENCE_SDU + ", non-commercial)"
    return text


def onnx_parameter_count(path):
    model = onnx.load(str(path))
    total = 0
    for init in model.graph.initializer:
        total += int(numpy_helper.to_array(init).size)
    return total


def human_size(n):
    return f"{n / 1e6:.2f} MB" if n >= 1e5 else f"{n / 1e3:.1f} kB"


def model_config(cfg, tok, summary):
    m = cfg["model"]
    return {
        "model_type": "bert",
        "architectures": ["BertForTokenClassification"],
        "id2label": {str(i): label for i, label in enumerate(LABELS)},
        "label2id": dict(LABEL2ID),
        "num_labels": len(LABELS),
        "vocab_size": len(tok.vocab),
        "max_position_embeddings": cfg["max_length"],
        "hidden_size": 2 * m["lstm_hidden"],
        "pad_token_id": tok.pad_id,
        "plod_tagger": {
            "name": cfg["name"],
            "display_name": cfg["display_name"],
            "description": cfg["description"],
            "max_length": cfg["max_length"],
            **({"dtype": cfg["dtype"]} if cfg.get("dtype") else {}),
            "architecture": (
                f"subword embedding ({m['word_dim']}) ++ char-CNN ({m['char_out']}), "
                f"{m['lstm_layers']}-layer BiLSTM ({m['lstm_hidden']} per direction), "
                + (f"self-attention ({m['attention']['heads']}x{m['attention']['head_dim']}), "
                   if m.get("attention") else "")
                + (f"rule-feature embedding ({m['rule_features']['dim']}), " if m.get("rule_features") else "")
                + f"linear to {len(LABELS)} labels"
            ),
            "input": {
                "encoding": (
                    "each word encoded alone with add_special_tokens=false; "
                    "sequence = [CLS] pieces(w1) ... pieces(wN) [SEP], right-padded with [PAD] and attention_mask 0; "
                    "a word's label is read at its first piece; a word with no pieces is encoded as [UNK]"
                ),
                "cls_token_id": tok.cls_id,
                "sep_token_id": tok.sep_id,
                "pad_token_id": tok.pad_id,
                "unk_token_id": tok.unk_id,
                **({"rule_features": RULE_FEATURES_PROTOCOL} if m.get("rule_features") else {}),
            },
            "training_data": training_data_text(cfg),
            "license": data_licence(cfg),
        },
    }


def write_model_card(out_dir, cfg, summary, sizes, onnx_params, train_params, qstats):
    m, t, k = cfg["model"], cfg["training"], cfg["tokenizer"]
    dtype_text = (
        f"The tagger runs `{cfg['dtype']}` unless told otherwise (`--dtype`; `plod_tagger.dtype` in `config.json`)."
        if cfg.get("dtype") else "The tagger runs `fp32` unless told otherwise (`--dtype`)."
    )
    val = summary["validation"]
    rows = "\n".join(
        f"| {e['epoch']} | {e['loss']:.4f} | {e['val_ac_f1']:.4f} | {e['val_lf_f1']:.4f} | "
        f"{e['val_micro_f1']:.4f} | {e['val_token_acc']:.4f} |"
        for e in summary["log"]
    )
    parts = []
    if qstats.get("gather"):
        parts.append("the embedding table is stored as int8 and dequantized after the Gather "
                     "(Cast + Mul by the column scales)")
    if qstats.get("lstm"):
        parts.append(f"the {qstats['lstm']} LSTMs become `com.microsoft` DynamicQuantizeLSTM with int8 weights")
    if qstats.get("matmul"):
        parts.append(f"{qstats['matmul']} MatMul(s) with constant weights become DynamicQuantizeLinear + MatMulInteger")
    else:
        parts.append("the small output layer stays fp32")
    quant_text = "; ".join(parts)
    att = m.get("attention")
    att_text = (
        f"- Masked self-attention ({att['heads']} heads x {att['head_dim']}, residual + LayerNorm) "
        "over the BiLSTM states; queries\n"
        "  and keys also see a one-hot of each word-initial piece's first letter "
        "(to match long forms to abbreviations).\n"
        if att else ""
    )
    rules = m.get("rule_features")
    rules_text = (
        f"- Rule features: each sub-word also gets a {rules['dim']}-d embedding of the tag that the project's "
        "rules tagger\n"
        "  (`ruleFeatureTags` in `src/core/taggers/rules.ts`: casing, Schwartz–Hearst definitions in brackets, "
        "glossary\n"
        "  lists) gives its word, with the sentence tagged alone. Training computes them with the same TypeScript\n"
        "  (`models/training/node_data.ts`), so the features are identical at run time. "
        "They join the sub-word features\n"
        "  before the BiLSTM; the model learns when to trust them.\n"
        if rules else ""
    )
    rules_input = (
        ", and `rule_ids` (the rule tag of each sub-word's word: O=1, B-AC=2, B-LF=3, I-LF=4, 0 for special tokens\n"
        "  and padding)"
        if rules else ""
    )
    data = summary.get("training_data", {})
    extra = data.get("extra", [])
    if extra:
        extra_lines = "\n".join(
            f"  - `{e['path']}`: {e['sentences']:,} sentences, {e['words']:,} words" for e in extra
        )
        data_text = f"""\
- Training: PLOD-CW `train` ({data['plod_sentences']:,} sentences, {data['plod_words']:,} words; seen
  {data.get('plod_repeat', 1)}x per epoch) plus SDU@AAAI-22 Shared Task 1 acronym extraction (English), converted to
  PLOD's tags by `models/training/node_data.ts` (the runtime's word splitter; acronyms `B-AC`, long forms
  `B-LF`/`I-LF`; samples whose spans overlap are dropped):
{extra_lines}
- Epoch selection: PLOD-CW `validation`. The `test` split was not used for any decision.
- PLOD-CW: Zilio et al., "PLOD: An Abbreviation Detection Dataset for Scientific Documents", LREC 2022
  (`surrey-nlp/PLOD-CW`), licence {LICENCE_DATA}.
- SDU@AAAI-22 (Veyseh et al., "MACRONYM"/"Multilingual Acronym Extraction and Disambiguation Shared Tasks at
  SDU 2022"), licence **{LICENCE_SDU}: non-commercial**. The model weights are derived from both, so treat them
  as **{LICENCE_SDU}**: attribution, share-alike, **no commercial use**. For a licence-clean model use
  `plod-small` (the default) or `plod-base`."""
    else:
        data_text = f"""\
- Training: PLOD-CW `train` split only (1,072 sentences, 40,000 words). Epoch selection: PLOD-CW `validation`.
  The `test` split was not used for any decision.
- PLOD-CW: Zilio et al., "PLOD: An Abbreviation Detection Dataset for Scientific Documents", LREC 2022
  (`surrey-nlp/PLOD-CW`), licence **{LICENCE_DATA}**. The model weights are derived from it; treat them as
  {LICENCE_DATA} (attribution, share-alike).
- Extra data (SDU@AAAI-22, CC BY-NC-SA) was **not** used, so the model carries no non-commercial restriction."""
    size_rows = "\n".join(f"| `{name}` | {human_size(size)} |" for name, size in sizes.items())
    total = sum(sizes.values())
    widths = ", ".join(map(str, m["char_widths"]))
    weight_decay, clip = t.get("weight_decay", 0), t.get("clip", 5.0)
    emb_dropout = m.get("emb_dropout", m["dropout"])
    best_epoch = summary["best_epoch"]
    card = f"""# {cfg['display_name']} (`{cfg['name']}`)

{cfg['description']}

Word-level tagger for abbreviations (`B-AC`) and long forms (`B-LF`, `I-LF`; `O` elsewhere), trained from
scratch on CPU by `models/training/train.py`. It runs locally in the plod-tagger extension and CLI through
onnxruntime-node and transformers.js's tokenizer (`@huggingface/tokenizers`); nothing is downloaded. The folder is
also one that transformers.js loads as it is.

## Data and licence

{data_text}

## Architecture

- Tokenizer: case-preserving WordPiece built from the training words ({summary['vocab_size']} entries: `[PAD]`=0,
  `[UNK]`=1, `[CLS]`=2, `[SEP]`=3, `[MASK]`=4, every character and `##`+character seen, whole words seen at
  least {k['min_word_freq']} times, frequent word pieces). No normaliser, `WhitespaceSplit` pre-tokeniser,
  greedy longest-match-first, words longer than 100 characters become `[UNK]`.
- Per sub-word: a {m['word_dim']}-d embedding concatenated with a {m['char_out']}-d character CNN over the sub-word's
  characters (filters of width {widths}, {m['char_filters']} each, max-pooled). The CNN depends
  only on the sub-word id, so the export stores its output for the whole vocabulary in the embedding table.
- {m['lstm_layers']}-layer bidirectional LSTM, {m['lstm_hidden']} units per direction. The backward direction reads each
  sequence reversed within its length, so right padding never changes a real token's output.
{rules_text}{att_text}- Linear layer to 4 labels: {', '.join(f'{i}={l}' for i, l in enumerate(LABELS))}.
- Parameters: {train_params:,} trainable in the training graph; {onnx_params:,} numbers stored in `onnx/model.onnx`
  (the character CNN folded into the {summary['vocab_size']}-row table).
- Input protocol: encode each word alone (`add_special_tokens: false`), build `[CLS] pieces(w1) ... pieces(wN) [SEP]`,
  right-pad with `[PAD]` (attention mask 0), read each word's label scores from the logits at its first piece (the
  runtime then picks the most probable tag sequence with `I-LF` only after `B-LF`/`I-LF`).
  Inputs `input_ids` and `attention_mask` (int64, [batch, sequence]){rules_input}; output `logits` [batch, sequence, 4].
  Supported length: {cfg['max_length']} sub-word tokens per sequence including `[CLS]`/`[SEP]` (the BiLSTM has no
  position limit; longer sentences should be split by the caller).

## Files

| file | size |
| --- | --- |
{size_rows}
| total | {human_size(total)} |

`onnx/model.onnx` is fp32 (opset 14). `onnx/model_quantized.onnx` (transformers.js `dtype: 'q8'`) is the same graph
rewritten by `models/training/quantize.py`: {quant_text}. Weights are int8 with symmetric per-column / per-gate-row
scales; activations are quantized dynamically. It needs onnxruntime's CPU contrib ops (`com.microsoft`), which
onnxruntime-node includes. {dtype_text}

## Training

```sh
${{PYTHON:-python3}} models/training/train.py {summary['config_path']}
```

- Seed {cfg['seed']}; torch {summary['torch']} on CPU, {cfg.get('threads', 2)} threads, deterministic algorithms.
- AdamW, learning rate {t['lr']}, weight decay {weight_decay}, batch {t['batch_size']} sentences, linear warm-up
  and decay, gradient clipping {clip}, dropout {m['dropout']} (embeddings {emb_dropout}), up to {t['epochs']}
  epochs with early stopping (patience {t.get('patience')}) on validation micro span F1. With probability
  {t.get('split_word_prob', 0)} a known word is split into pieces as if unseen.
- Training time: {summary['training_seconds']:.0f} s for {summary['epochs_run']} epochs; best epoch {best_epoch}.

## Evaluation

<!-- eval:begin -->
<!-- eval:end -->

## Training log

Measured by the training script on PLOD-CW **validation** (not test), strict span-level exact match, `O` is not an
entity, each `B-AC` is its own span, `I-LF` continues a directly preceding LF span or opens one. These figures
picked the epoch, so they are optimistic; see Evaluation for the CLI's figures.

Best epoch {best_epoch}: AC P {val['AC']['precision']:.4f} R {val['AC']['recall']:.4f} F1 **{val['AC']['f1']:.4f}**;
LF P {val['LF']['precision']:.4f} R {val['LF']['recall']:.4f} F1 **{val['LF']['f1']:.4f}**;
micro F1 {val['micro']['f1']:.4f}; token accuracy {val['token_accuracy']:.4f}.

| epoch | train loss | AC F1 | LF F1 | micro F1 | token acc |
| --- | --- | --- | --- | --- | --- |
{rows}
"""
    (out_dir / "README.md").write_text(card, encoding="utf-8")


def write_model_folder(tagger, tok, cfg, summary, out_dir):
    out_dir = Path(out_dir)
    (out_dir / "onnx").mkdir(parents=True, exist_ok=True)
    tok.save(out_dir, cfg["max_length"])
    with open(out_dir / "config.json", "w", encoding="utf-8") as handle:
        json.dump(model_config(cfg, tok, summary), handle, indent=2)
        handle.write("\n")
    fp32 = out_dir / "onnx" / "model.onnx"
    q8 = out_dir / "onnx" / "model_quantized.onnx"
    export_onnx(tagger, fp32)
    stats = quantize_file(fp32, q8)
    print(f"quantized: {stats}", flush=True)
    train_params = sum(p.numel() for p in tagger.parameters())
    onnx_params = onnx_parameter_count(fp32)
    names = ["config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
             "onnx/model.onnx", "onnx/model_quantized.onnx"]
    # README size is not known before writing it; write twice so the table includes it.
    sizes = {name: (out_dir / name).stat().st_size for name in names}
    write_model_card(out_dir, cfg, summary, sizes, onnx_params, train_params, stats)
    sizes["README.md"] = (out_dir / "README.md").stat().st_size
    write_model_card(out_dir, cfg, summary, sizes, onnx_params, train_params, stats)
    for name, size in sizes.items():
        print(f"{name}: {human_size(size)}", flush=True)
    print(f"wrote {out_dir}", flush=True)
