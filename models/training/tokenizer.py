"""Case-preserving WordPiece vocabulary built from the training words, an exact Python copy of the
encoding that transformers.js (@huggingface/tokenizers, bundled in transformers.js v4) applies with
`tokenizer.encode(word, {add_special_tokens: false})`, and the sequence layout the Node runtime uses:

    [CLS] pieces(word_1) ... pieces(word_N) [SEP]   (+ right padding with [PAD], attention_mask 0)

Each word is encoded on its own; its label is read at its first piece.
"""

import json
from collections import Counter

PAD, UNK, CLS, SEP, MASK = "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"
SPECIALS = [PAD, UNK, CLS, SEP, MASK]  # ids 0..4
PREFIX = "##"
MAX_INPUT_CHARS_PER_WORD = 100

# JavaScript's `\s` (used by WhitespaceSplit: text.match(/\S+/g)); differs from Python's str.split().
_JS_WHITESPACE = set("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {
    chr(c) for c in range(0x2000, 0x200B)
}


def js_whitespace_split(text):
    out, cur = [], []
    for ch in text:
        if ch in _JS_WHITESPACE:
            if cur:
                out.append("".join(cur))
                cur = []
        else:
            cur.append(ch)
    if cur:
        out.append("".join(cur))
    return out


def build_vocab(word_counts, min_word_freq=2, max_vocab=8000, piece_min_types=3, max_piece_len=8, extra_words=()):
    """Specials, then every character and `##`+character seen, then whole words seen at least
    `min_word_freq` times, then frequent word-initial pieces and `##` pieces (counted over word types),
    until `max_vocab`; `extra_words` (in their order) come after the whole words. Deterministic: ties are
    broken by the string."""
    vocab = list(SPECIALS)
    seen = set(vocab)

    def add(token):
        if token not in seen and len(vocab) < max_vocab:
            seen.add(token)
            vocab.append(token)

    chars = sorted({ch for word in word_counts for ch in word if ch not in _JS_WHITESPACE})
    for ch in chars:
        add(ch)
    for ch in chars:
        add(PREFIX + ch)

    whole = sorted(
        (w for w, c in word_counts.items() if c >= min_word_freq and len(w) <= MAX_INPUT_CHARS_PER_WORD),
        key=lambda w: (-word_counts[w], w),
    )
    for word in whole:
        add(word)
    for word in extra_words:
        if len(word) <= MAX_INPUT_CHARS_PER_WORD:
            add(word)

    piece_types = Counter()
    for word in word_counts:
        chars_w = list(word)
        n = len(chars_w)
        if n < 3 or n > MAX_INPUT_CHARS_PER_WORD:
            continue
        found = set()
        for length in range(2, min(max_piece_len, n - 1) + 1):
            found.add("".join(chars_w[:length]))
        for start in range(1, n - 1):
            for length in range(2, min(max_piece_len, n - start) + 1):
                found.add(PREFIX + "".join(chars_w[start : start + length]))
        piece_types.update(found)
    pieces = sorted(
        (p for p, c in piece_types.items() if c >= piece_min_types),
        key=lambda p: (-piece_types[p] * (len(p) - (2 if p.startswith(PREFIX) else 0)), p),
    )
    for piece in pieces:
        add(piece)
    return vocab


class WordPieceTokenizer:
    def __init__(self, vocab):
        self.vocab = list(vocab)
        self.token_to_id = {t: i for i, t in enumerate(self.vocab)}
        assert len(self.token_to_id) == len(self.vocab), "duplicate vocab entries"
        for i, special in enumerate(SPECIALS):
            assert self.vocab[i] == special
        self.unk_id = self.token_to_id[UNK]
        self.pad_id = self.token_to_id[PAD]
        self.cls_id = self.token_to_id[CLS]
        self.sep_id = self.token_to_id[SEP]
        self._cache = {}

    @classmethod
    def from_json(cls, path):
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        model = data["model"]
        assert model["type"] == "WordPiece"
        assert model["continuing_subword_prefix"] == PREFIX
        assert model["max_input_chars_per_word"] == MAX_INPUT_CHARS_PER_WORD
        vocab = sorted(model["vocab"], key=lambda t: model["vocab"][t])
        assert [model["vocab"][t] for t in vocab] == list(range(len(vocab)))
        return cls(vocab)

    # --- transformers.js-identical encoding -------------------------------------------------------
    def _split_specials(self, text):
        """DictionarySplitter over the special tokens: leftmost, longest match."""
        result, start, i, n = [], 0, 0, len(text)
        while i < n:
            match = None
            for special in SPECIALS:
                if text.startswith(special, i) and (match is None or len(special) > len(match)):
                    match = special
            if match:
                if i > start:
                    result.append(text[start:i])
                result.append(match)
                i += len(match)
                start = i
            else:
                i += 1
        if start < n:
            result.append(text[start:])
        return result

    def _wordpiece(self, word, skip_whole=False):
        """Greedy longest-match-first WordPiece. `skip_whole` (training augmentation only) forbids the
        whole-word entry so that a known word is split as an unseen word would be."""
        chars = list(word)  # code points, like JS [...word]
        if len(chars) > MAX_INPUT_CHARS_PER_WORD:
            return [UNK]
        out, i = [], 0
        while i < len(chars):
            end, piece = len(chars), None
            if skip_whole and i == 0 and len(chars) > 1:
                end -= 1
            while i < end:
                sub = "".join(chars[i:end])
                if i > 0:
                    sub = PREFIX + sub
                if sub in self.token_to_id:
                    piece = sub
                    break
                end -= 1
            if piece is None:
                return [UNK]
            out.append(piece)
            i = end
        return out

    def tokenize(self, text):
        tokens = []
        for part in self._split_specials(text):
            if not part:
                continue
            if part in SPECIALS:
                tokens.append(part)
                continue
            for pre in js_whitespace_split(part):
                tokens.extend(self._wordpiece(pre))
        return tokens

    def encode_word(self, word):
        """Ids of `tokenizer.encode(word, {add_special_tokens: false})`; may be empty for blank input."""
        ids = self._cache.get(word)
        if ids is None:
            ids = [self.token_to_id.get(t, self.unk_id) for t in self.tokenize(word)]
            self._cache[word] = ids
        return ids

    def encode_word_split(self, word):
        """Ids of `word` with its whole-word vocab entry ignored (training augmentation)."""
        if len(list(word)) <= 1 or any(ch in _JS_WHITESPACE for ch in word) or word in SPECIALS:
            return self.encode_word(word)
        return [self.token_to_id.get(t, self.unk_id) for t in self._wordpiece(word, skip_whole=True)]

    def encode_words(self, words, word_ids=None):
        """The Node runtime's sequence: [CLS] pieces(w1) ... pieces(wN) [SEP]. Returns (ids, first),
        `first[k]` = position of word k's first piece. A word with no pieces becomes [UNK]."""
        ids, first = [self.cls_id], []
        for k, word in enumerate(words):
            pieces = word_ids[k] if word_ids is not None else self.encode_word(word)
            if not pieces:
                pieces = [self.unk_id]
            first.append(len(ids))
            ids.extend(pieces)
        ids.append(self.sep_id)
        return ids, first

    # --- files ------------------------------------------------------------------------------------
    def tokenizer_json(self):
        added = [
            {
                "id": i,
                "content": tok,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": False,
                "special": True,
            }
            for i, tok in enumerate(SPECIALS)
        ]

        def st(tok):
            return {"SpecialToken": {"id": tok, "type_id": 0}}

        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added,
            "normalizer": None,
            "pre_tokenizer": {"type": "WhitespaceSplit"},
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [st(CLS), {"Sequence": {"id": "A", "type_id": 0}}, st(SEP)],
                "pair": [
                    st(CLS),
                    {"Sequence": {"id": "A", "type_id": 0}},
                    st(SEP),
                    {"Sequence": {"id": "B", "type_id": 1}},
                    {"SpecialToken": {"id": SEP, "type_id": 1}},
                ],
                "special_tokens": {
                    CLS: {"id": CLS, "ids": [self.cls_id], "tokens": [CLS]},
                    SEP: {"id": SEP, "ids": [self.sep_id], "tokens": [SEP]},
                },
            },
            "decoder": {"type": "WordPiece", "prefix": PREFIX, "cleanup": False},
            "model": {
                "type": "WordPiece",
                "unk_token": UNK,
                "continuing_subword_prefix": PREFIX,
                "max_input_chars_per_word": MAX_INPUT_CHARS_PER_WORD,
                "vocab": {tok: i for i, tok in enumerate(self.vocab)},
            },
        }

    def tokenizer_config(self, max_length):
        return {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "cls_token": CLS,
            "sep_token": SEP,
            "pad_token": PAD,
            "unk_token": UNK,
            "mask_token": MASK,
            "model_max_length": max_length,
            "padding_side": "right",
            "do_lower_case": False,
            "clean_up_tokenization_spaces": False,
            "model_input_names": ["input_ids", "attention_mask"],
        }

    def special_tokens_map(self):
        return {"cls_token": CLS, "sep_token": SEP, "pad_token": PAD, "unk_token": UNK, "mask_token": MASK}

    def save(self, folder, max_length):
        with open(folder / "tokenizer.json", "w", encoding="utf-8") as handle:
            json.dump(self.tokenizer_json(), handle, ensure_ascii=False, indent=None, separators=(",", ":"))
        with open(folder / "tokenizer_config.json", "w", encoding="utf-8") as handle:
            json.dump(self.tokenizer_config(max_length), handle, indent=2)
            handle.write("\n")
        with open(folder / "special_tokens_map.json", "w", encoding="utf-8") as handle:
            json.dump(self.special_tokens_map(), handle, indent=2)
            handle.write("\n")
