#!/usr/bin/env python3
"""Rewrite a model folder from the last training run's checkpoint without retraining
(models/training/runs/<name>/model.pt + summary.json, written by train.py).

    ${PYTHON:-python3} models/training/repackage.py models/training/configs/plod-base.json [--output-dir DIR]
"""

import argparse
import json
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import MODELS_DIR  # noqa: E402
from folder import write_model_folder  # noqa: E402
from runs import load_run  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("--output-dir", default=None)
    args = parser.parse_args()
    cfg = json.loads(Path(args.config).read_text(encoding="utf-8"))
    torch.set_num_threads(cfg.get("threads", 2))
    tagger, tok, summary = load_run(cfg["name"])
    out_dir = Path(args.output_dir).resolve() if args.output_dir else MODELS_DIR / cfg["output_dir"]
    # The names and words of the card come from the config as it is now; the rest is what trained the model.
    trained = {**summary["config"], **{k: cfg[k] for k in ("name", "display_name", "description") if k in cfg}}
    # The command that retrains it names the config of the repository, and the seed when it is not the config's.
    command = Path(args.config).as_posix()
    if summary["config"].get("seed") != cfg.get("seed"):
        command += f" --seed {summary['config']['seed']}"
    write_model_folder(tagger, tok, trained, {**summary, "config_path": command}, out_dir)


if __name__ == "__main__":
    main()
