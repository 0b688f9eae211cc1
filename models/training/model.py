"""The tagger: (subword embedding ++ character CNN over the subword's characters) -> stacked BiLSTM
-> linear layer to the 4 labels.

* The character CNN depends on the subword id only, so for export it is evaluated once for the whole
  vocabulary and stored, concatenated with the subword embedding, as one constant table that the graph
  Gathers by `input_ids` (`PlodTagger.frozen_table`). The ONNX graph therefore takes only
  `input_ids` and `attention_mask`.
* The backward LSTM direction runs a forward LSTM over each sequence reversed *within its length*
  (positions >= length stay in place), then reverses back. Right padding therefore never reaches a
  real token in either direction: a padded batch gives exactly the outputs of single sentences. This
  uses only GatherElements and exports cleanly (no pack_padded_sequence).
"""

import torch
from torch import nn

# Re-exported: train.py imports them from here.
from common import N_RULE_FEATURES, RULE_FEATURE_IDS, rule_features_by_piece  # noqa: F401

CHAR_PAD, CHAR_UNK, CHAR_BOW, CHAR_CONT, CHAR_EOW = 0, 1, 2, 3, 4
N_CHAR_SPECIALS = 5


def build_char_table(vocab, char_list, max_chars, specials_count):
    """int64 [V, max_chars]: per subword, [BOW|CONT] chars... [EOW], padded with 0. Special tokens get
    a single distinct id so [CLS]/[SEP]/[UNK] are told apart by the CNN only via their embeddings."""
    char_to_id = {ch: i + N_CHAR_SPECIALS for i, ch in enumerate(char_list)}
    table = torch.zeros(len(vocab), max_chars, dtype=torch.long)
    for vid, token in enumerate(vocab):
        if vid < specials_count:
            table[vid, 0] = CHAR_UNK
            continue
        if token.startswith("##") and len(token) > 2:
            ids = [CHAR_CONT] + [char_to_id.get(ch, CHAR_UNK) for ch in token[2:]]
        else:
            ids = [CHAR_BOW] + [char_to_id.get(ch, CHAR_UNK) for ch in token]
        ids = ids[: max_chars - 1] + [CHAR_EOW]
        table[vid, : len(ids)] = torch.tensor(ids)
    return table


def build_letter_table(vocab, specials_count):
    """float [V, 27]: one-hot of the lower-cased first letter (a-z, else slot 26) for word-initial pieces,
    zeros for `##` pieces and special tokens. Lets attention match a long form's first letters against an
    abbreviation's."""
    table = torch.zeros(len(vocab), 27)
    for vid, token in enumerate(vocab):
        if vid < specials_count or token.startswith("##"):
            continue
        ch = token[0].lower()[:1]  # "İ".lower() is two characters
        table[vid, ord(ch) - ord("a") if "a" <= ch <= "z" else 26] = 1.0
    return table


class MaskedSelfAttention(nn.Module):
    """Multi-head self-attention over real tokens only (keys at padded positions get -1e9)."""

    def __init__(self, dim, heads, head_dim, extra_dim):
        super().__init__()
        self.heads, self.head_dim = heads, head_dim
        self.q = nn.Linear(dim + extra_dim, heads * head_dim)
        self.k = nn.Linear(dim + extra_dim, heads * head_dim)
        self.v = nn.Linear(dim, heads * head_dim)
        self.out = nn.Linear(heads * head_dim, dim)
        self.norm = nn.LayerNorm(dim)

    def forward(self, h, extra, attention_mask):
        b, t = h.size(0), h.size(1)
        hx = torch.cat([h, extra], dim=-1)
        q = self.q(hx).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = self.k(hx).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        v = self.v(h).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(2, 3)) / (self.head_dim ** 0.5)
        key_pad = (attention_mask == 0).view(b, 1, 1, t)
        scores = scores.masked_fill(key_pad, -1e9)
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(b, t, self.heads * self.head_dim)
        return self.norm(h + self.out(ctx))


def reverse_within_length(x, index):
    """x [B, T, D]; index [B, T] from `reversal_index`. Self-inverse."""
    return torch.gather(x, 1, index.unsqueeze(-1).expand(-1, -1, x.size(2)))


def reversal_index(attention_mask):
    """[B, T] int64: t -> len-1-t for t < len, else t (right padding assumed)."""
    mask = attention_mask.long()
    positions = torch.cumsum(torch.ones_like(mask), dim=1) - 1
    lengths = mask.sum(dim=1, keepdim=True)
    return torch.where(positions < lengths, lengths - 1 - positions, positions)


class MaskedBiLSTMLayer(nn.Module):
    def __init__(self, input_size, hidden):
        super().__init__()
        self.hidden = hidden
        self.fwd = nn.LSTM(input_size, hidden, batch_first=True)
        self.bwd = nn.LSTM(input_size, hidden, batch_first=True)

    def forward(self, x, rev_index):
        batch = x.size(0)
        # Initial state built from the runtime batch size, so the export keeps a dynamic batch axis.
        h0 = x.new_zeros((1, batch, self.hidden))
        out_f, _ = self.fwd(x, (h0, h0))
        out_b, _ = self.bwd(reverse_within_length(x, rev_index), (h0, h0))
        return torch.cat([out_f, reverse_within_length(out_b, rev_index)], dim=2)


class CharCNN(nn.Module):
    def __init__(self, n_chars, char_dim, filters, widths, out_dim):
        super().__init__()
        self.embed = nn.Embedding(n_chars, char_dim, padding_idx=CHAR_PAD)
        self.convs = nn.ModuleList(nn.Conv1d(char_dim, filters, w, padding=w // 2) for w in widths)
        self.proj = nn.Linear(filters * len(widths), out_dim)

    def forward(self, chars):
        """chars [N, L] -> [N, out_dim]"""
        mask = (chars != CHAR_PAD).unsqueeze(1)  # [N, 1, L]
        x = self.embed(chars).transpose(1, 2)  # [N, C, L]
        pooled = []
        for conv in self.convs:
            h = torch.relu(conv(x))[:, :, : chars.size(1)]
            h = h.masked_fill(~mask, 0.0)  # ReLU output >= 0, so 0 is neutral for max
            pooled.append(h.max(dim=2).values)
        return torch.tanh(self.proj(torch.cat(pooled, dim=1)))


class PlodTagger(nn.Module):
    def __init__(self, vocab_size, char_table, n_chars, cfg, num_labels=4, letter_table=None):
        super().__init__()
        self.register_buffer("char_table", char_table, persistent=True)
        self.word_embed = nn.Embedding(vocab_size, cfg["word_dim"], padding_idx=0)
        self.char_cnn = CharCNN(n_chars, cfg["char_dim"], cfg["char_filters"], cfg["char_widths"], cfg["char_out"])
        self.in_dim = cfg["word_dim"] + cfg["char_out"]
        self.dropout = nn.Dropout(cfg["dropout"])
        self.emb_dropout = nn.Dropout(cfg.get("emb_dropout", cfg["dropout"]))
        rules = cfg.get("rule_features")
        self.rule_embed = nn.Embedding(N_RULE_FEATURES, rules["dim"], padding_idx=0) if rules else None
        layers, dim = [], self.in_dim + (rules["dim"] if rules else 0)
        for _ in range(cfg["lstm_layers"]):
            layers.append(MaskedBiLSTMLayer(dim, cfg["lstm_hidden"]))
            dim = 2 * cfg["lstm_hidden"]
        self.layers = nn.ModuleList(layers)
        self.attention = None
        self.letters_dim = 0
        att = cfg.get("attention")
        if att:
            self.register_buffer("letter_table", letter_table, persistent=True)
            self.letters_dim = self.letter_table.size(1)
            self.attention = MaskedSelfAttention(dim, att["heads"], att["head_dim"], self.letters_dim)
        self.classifier = nn.Linear(dim, num_labels)

    def token_features(self, input_ids):
        """[B, T] -> [B, T, in_dim]: subword embedding ++ char-CNN features (computed per unique id)."""
        unique, inverse = torch.unique(input_ids, return_inverse=True)
        char_feats = self.char_cnn(self.char_table[unique])[inverse]
        parts = [self.word_embed(input_ids), char_feats]
        if self.letters_dim:
            parts.append(self.letter_table[input_ids])
        return torch.cat(parts, dim=-1)

    @torch.no_grad()
    def frozen_table(self):
        """[V, in_dim (+ letters)] features of every vocab id, for export."""
        ids = torch.arange(self.char_table.size(0))
        parts = [self.word_embed(ids), self.char_cnn(self.char_table)]
        if self.letters_dim:
            parts.append(self.letter_table)
        return torch.cat(parts, dim=-1)

    def encode(self, feats, attention_mask, rule_ids=None):
        """feats [B, T, in_dim (+ letters)], rule_ids [B, T] when the model takes rule features
        -> logits [B, T, labels]"""
        rev = reversal_index(attention_mask)
        if self.letters_dim:
            letters = feats[:, :, self.in_dim :]
            feats = feats[:, :, : self.in_dim]
        if self.rule_embed is not None:
            feats = torch.cat([feats, self.rule_embed(rule_ids)], dim=-1)
        x = self.emb_dropout(feats)
        for layer in self.layers:
            x = self.dropout(layer(x, rev))
        if self.attention is not None:
            x = self.dropout(self.attention(x, letters, attention_mask))
        return self.classifier(x)

    def forward(self, input_ids, attention_mask, rule_ids=None):
        return self.encode(self.token_features(input_ids), attention_mask, rule_ids)


class ExportWrapper(nn.Module):
    """What goes into the ONNX file: Gather from the frozen table, then the BiLSTM stack."""

    def __init__(self, tagger):
        super().__init__()
        self.tagger = tagger
        self.table = nn.Parameter(tagger.frozen_table().clone(), requires_grad=False)

    def forward(self, input_ids, attention_mask, rule_ids=None):
        feats = torch.nn.functional.embedding(input_ids, self.table)
        return self.tagger.encode(feats, attention_mask, rule_ids)
