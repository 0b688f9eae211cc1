#!/usr/bin/env bash
# Every accuracy figure of the README's "Accuracy on real papers and on SDU-22" table, for each shipped model and
# `rules`, in one run: spans (scripts/eval-sdu.ts), definition pairs (scripts/eval-pairs.ts), and the real papers
# (../shared/real-papers/score.py). Reads the data from ../shared (or PLOD_DATA_DIR / PLOD_REAL_PAPERS).
#
#   bash scripts/accuracy.sh [MODEL...]
set -euo pipefail
cd "$(dirname "$0")/.."
papers="${PLOD_REAL_PAPERS:-../shared/real-papers}"
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(plod-base plod-small rules)
node esbuild.config.mjs > /dev/null
for model in "${models[@]}"; do
  echo "== $model"
  npx tsx scripts/eval-sdu.ts --model "$model" --sets plod:validation,plod:test,scientific,legal
  npx tsx scripts/eval-pairs.ts --model "$model" --sets plod:validation,plod:test,scientific,legal
  python3 "$papers/score.py" "$papers" --model "$model" | tail -4
done
