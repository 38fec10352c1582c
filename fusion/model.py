"""Joins text + layout, pixels and cheap features into element embeddings with page context.

Per element: the layout encoder's vector (text and 2-D box), the visual encoder's RoI vector, an
embedding of its tag and input type, and its style/geometry/text-shape features (plus the rules
baseline's named features when trained with them) are concatenated and projected to ``dim``.
``layers`` context blocks let each element see its DOM and spatial neighbours
(:mod:`pagelens.fusion.context`), and an attention pool makes one page embedding.

The ablations switch whole inputs off (``use_text``, ``use_vision``, ``use_style``); the boxes and
the neighbourhoods stay in every variant, since they are what makes it a page and not a bag of
strings.

``page_title`` adds the document's ``<title>`` to the page embedding. Cross-fitted over 869 real
pages at two seeds, the mean of form fields and page type was 0.802 against 0.804 without it
when added in the fine-tune, and 0.808 when read from step 1 (page type up at both seeds, the
bar was 0.814; docs/model.md, Decisions), so the shipped model does not read it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from pagelens.fusion.context import AttentionPool, ContextBlock
from pagelens.fusion.features import (INPUT_TYPES, STYLE_FEATURES, TAGS, FieldKeywordSource,
                                      RuleFeatureSource, RuleVoteSource, input_type_index,
                                      style_features,
                                      tag_index)
from pagelens.fusion.graph import Neighbourhood, build_neighbourhood, tree_facts
from pagelens.layout import LayoutConfig, LayoutEncoder, LayoutInputs, prepare_layout
from pagelens.layout.encoder import tokenize
from pagelens.records import PageCapture
from pagelens.vision import VisionConfig, VisualEncoder, prepare_image, seen_mask

# Never parts of what a person sees.
SKIP_TAGS = frozenset({"html", "head", "meta", "script", "style", "link", "title", "noscript",
                       "br", "template", "base", "option", "optgroup", "wbr", "param", "track"})

# Shown for themselves even without text: kept first on pages past FusionConfig.max_elements.
CONTENT_TAGS = frozenset({"img", "svg", "picture", "video", "canvas", "input", "select",
                          "textarea", "button", "iframe"})


@dataclass(frozen=True)
class FusionConfig:
    dim: int = 128
    layers: int = 2
    heads: int = 4
    ffn: int = 256
    k_spatial: int = 12  # nearest elements by box centre, beside the 14 DOM/document slots
    dropout: float = 0.1
    use_text: bool = True
    use_vision: bool = True
    use_style: bool = True
    rule_features: tuple[str, ...] = ()  # names of the rules baseline's features, in order
    field_keywords: tuple[str, ...] = ()  # the rules baseline's keyword groups, for form fields
    rule_votes: tuple[str, ...] = ()  # the rules baseline's decisions as input (RuleVoteSource)
    max_elements: int = 6000  # at most this many elements scored (select_elements says which)
    # The document's <title>, read by the layout encoder's text encoder, joins the page embedding
    # through a projection that starts at zero (so a fine-tune starts from its init's function).
    # False for the models trained before it existed, so an old config reads what it was
    # trained on.
    page_title: bool = False

    def __post_init__(self) -> None:
        if self.dim % self.heads:
            raise ValueError(f"FusionConfig: dim {self.dim} is not a multiple of heads {self.heads}")
        if self.layers < 0 or self.k_spatial < 0 or not 0 <= self.dropout < 1:
            raise ValueError("FusionConfig: layers >= 0, k_spatial >= 0, 0 <= dropout < 1 required")
        if not (self.use_text or self.use_vision or self.use_style):
            raise ValueError("FusionConfig: at least one of use_text, use_vision, use_style")
        object.__setattr__(self, "rule_features", tuple(self.rule_features))
        object.__setattr__(self, "field_keywords", tuple(self.field_keywords))
        object.__setattr__(self, "rule_votes", tuple(self.rule_votes))


def select_elements(capture: PageCapture, max_elements: int) -> list[int]:
    """Ids of the elements the model scores, in document order: visible, with a non-empty box,
    not in :data:`SKIP_TAGS`, and every form field shown or not.

    Hidden form fields count: multi-step forms and pop-up forms keep their fields in the page,
    hidden, and a form filler fills them all. Of the labelled fields of the real form corpora's
    fold-0 websites, 7 % (ddg-forms) and 11 % (Formasaurus) were hidden at capture time; scoring
    visible elements only, the model missed every one of them.

    Past ``max_elements``, what a person reads or uses is kept before bare containers: form
    fields, elements with text of their own, images and interactive elements first (the first
    ``max_elements`` of them in document order), then the other elements as room is left. A
    plain cut in document order dropped the whole bottom of long pages, where the price of an
    8,000-element product page sat (fathom-products, jenson)."""
    keep = [el for el in capture.elements
            if (el.visible and el.box.width > 0 and el.box.height > 0 and el.tag not in SKIP_TAGS)
            or el.is_form_field]
    if not keep and capture.elements:
        return [capture.elements[0].id]  # an empty-looking page still gets a page type
    if len(keep) <= max_elements:
        return [el.id for el in keep]
    content = [el for el in keep if el.is_form_field or el.interactive or el.text.strip()
               or el.tag in CONTENT_TAGS]
    chosen = {el.id for el in content[:max_elements]}
    chosen.update([el.id for el in keep if el.id not in chosen][:max_elements - len(chosen)])
    return [el.id for el in keep if el.id in chosen]


@dataclass(frozen=True)
class PageInputs:
    """Everything the model reads about one page, as tensors (N kept elements).

    ``element_ids`` (N,) ids into ``capture.elements``; ``boxes`` (N, 4) float32 CSS px of the full
    page; ``image`` (3, H, W) uint8; ``tag``/``input_type`` (N,) int64; ``features`` (N, F) float32
    (style columns then rule columns); ``layout``; ``graph``.
    """

    element_ids: tuple[int, ...]
    boxes: torch.Tensor
    image: torch.Tensor
    layout: LayoutInputs
    tag: torch.Tensor
    input_type: torch.Tensor
    features: torch.Tensor
    graph: Neighbourhood
    title_ids: torch.Tensor | None = None  # (1, T) the document title, tokenised (page_title)
    title_mask: torch.Tensor | None = None


def prepare_page(capture: PageCapture, fusion: FusionConfig, vision: VisionConfig,
                 layout: LayoutConfig, with_image: bool = True) -> PageInputs:
    """Records to tensors for one page (the only place where a capture becomes tensors)."""
    if not capture.elements:
        raise ValueError(f"capture of {capture.source} has no elements (a browser's capture "
                         "always has <html>)")
    ids = select_elements(capture, fusion.max_elements)
    els = capture.elements
    boxes = np.array([els[i].box.to_list() for i in ids], dtype=np.float32).reshape(-1, 4)
    parent_rows, depth, n_children = tree_facts(capture, ids)
    feats = style_features(capture, ids, depth, n_children)
    if fusion.rule_features:
        feats = np.concatenate(
            [feats, RuleFeatureSource(fusion.rule_features).compute(capture, ids)], axis=1)
    if fusion.field_keywords:
        feats = np.concatenate(
            [feats, FieldKeywordSource(fusion.field_keywords).compute(capture, ids)], axis=1)
    if fusion.rule_votes:
        feats = np.concatenate(
            [feats, RuleVoteSource(fusion.rule_votes).compute(capture, ids)], axis=1)
    image = prepare_image(capture, vision) if with_image and fusion.use_vision else \
        torch.zeros(3, vision.pad_to, vision.pad_to, dtype=torch.uint8)
    title_ids = title_mask = None
    if fusion.page_title:
        title_ids, title_mask = tokenize([capture.title], layout.max_tokens)
    return PageInputs(
        element_ids=tuple(ids), boxes=torch.from_numpy(boxes), image=image,
        layout=prepare_layout(capture, ids, layout),
        tag=torch.tensor([tag_index(els[i]) for i in ids], dtype=torch.long),
        input_type=torch.tensor([input_type_index(els[i]) for i in ids], dtype=torch.long),
        features=torch.from_numpy(feats),
        graph=build_neighbourhood(boxes, parent_rows, fusion.k_spatial),
        title_ids=title_ids, title_mask=title_mask,
    )


@dataclass
class PageEncoding:
    """``elements`` (N, dim) contextual element embeddings; ``page`` (dim,); ``visual`` (N, v) the
    visual encoder's raw output (None when vision is off), for the renderer-target loss;
    ``seen`` (N,) 1 where the element had pixels; ``votes`` (N, len(FusionConfig.rule_votes))
    the rules baseline's decisions in 0-1, as they went in (None when the model has none), for
    heads that add them to their logits."""

    elements: torch.Tensor
    page: torch.Tensor
    visual: torch.Tensor | None
    seen: torch.Tensor
    votes: torch.Tensor | None = None


@dataclass
class Prelude:
    """What :class:`FusionEncoder` computes from a page without its screenshot: the element
    input's columns that come before the visual ones (text, tag, input type, seen) and after them
    (style and rule features), the seen mask, and each context block's pair bias. A predictor
    computes it while another thread decodes the screenshot and runs the vision backbone."""

    before: list[torch.Tensor]
    after: list[torch.Tensor]
    seen: torch.Tensor
    biases: list[torch.Tensor]


class FusionEncoder(nn.Module):
    def __init__(self, cfg: FusionConfig, vision: VisionConfig, layout: LayoutConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.vision = VisualEncoder(vision) if cfg.use_vision else None
        self.layout = LayoutEncoder(layout)
        self.tag = nn.Embedding(len(TAGS), 16)
        self.input_type = nn.Embedding(len(INPUT_TYPES), 8)
        n_feat = (len(STYLE_FEATURES) + len(cfg.rule_features) + len(cfg.field_keywords)
                  + len(cfg.rule_votes))
        self.feat = nn.Sequential(nn.Linear(n_feat, 64), nn.GELU()) if cfg.use_style else None
        width = layout.hidden + 16 + 8 + 1 + (vision.out_dim if cfg.use_vision else 0) \
            + (64 if cfg.use_style else 0)
        self.inp = nn.Sequential(nn.Linear(width, cfg.dim), nn.GELU(), nn.LayerNorm(cfg.dim))
        self.blocks = nn.ModuleList(ContextBlock(cfg.dim, cfg.heads, cfg.ffn, cfg.dropout)
                                    for _ in range(cfg.layers))
        self.norm = nn.LayerNorm(cfg.dim)
        self.pool = AttentionPool(cfg.dim)
        self.title = None
        if cfg.page_title:
            self.title = nn.Linear(layout.hidden, cfg.dim)
            nn.init.zeros_(self.title.weight)
            nn.init.zeros_(self.title.bias)
        # Set by training for one page at a time (TrainConfig.drop_dom): the page is encoded from
        # its pixels, boxes, tags and input types alone, without text, style features or the
        # rules' decisions, so the network must learn to see. Never set at inference. Measured
        # with 30 % of pages (docs/model.md, Ablation, 2026-12-06): the fused model did not
        # lean on its pixels more and lost on real pages, so the shipped recipe leaves it off.
        self.drop_dom = False

    def prelude(self, page: PageInputs) -> Prelude:
        """The part of :meth:`forward` that does not need the screenshot's feature map."""
        lay = page.layout
        string_index = lay.string_index if self.cfg.use_text else torch.full_like(lay.string_index, -1)
        ids = lay.ids if self.cfg.use_text else lay.ids[:0]
        mask = lay.mask if self.cfg.use_text else lay.mask[:0]
        text = self.layout(ids, mask, string_index, lay.box1000)  # (N, Ht)
        seen = seen_mask(page.boxes, self.vision.cfg) if self.vision is not None \
            else torch.zeros(len(page.boxes))
        g = page.graph
        return Prelude(
            before=[text, self.tag(page.tag), self.input_type(page.input_type), seen.unsqueeze(1)],
            after=[self.feat(page.features)] if self.feat is not None else [],  # (N, 64)
            seen=seen,
            biases=[block.attn.pair_bias(g.relation, g.geometry, g.valid) for block in self.blocks])

    def forward(self, page: PageInputs, fmap: torch.Tensor | None = None,
                prelude: Prelude | None = None) -> PageEncoding:
        """``fmap``: the screenshot's visual feature map when computed beforehand
        (:meth:`VisualEncoder.feature_map`; ``page.image`` is then not read). ``prelude``:
        :meth:`prelude` of ``page`` when computed beforehand."""
        pre = prelude if prelude is not None else self.prelude(page)
        visual = None
        if self.vision is not None:
            visual = self.vision(page.image, page.boxes, fmap)  # (N, V)
        before, after = pre.before, pre.after
        dropped = self.drop_dom and self.training and visual is not None
        if dropped:
            before = [torch.zeros_like(before[0])] + before[1:]  # no text
            after = [torch.zeros_like(a) for a in after]  # no style or rule features
        parts = before + ([visual] if visual is not None else []) + after
        x = self.inp(torch.cat(parts, dim=1))  # (N, dim)
        for block, bias in zip(self.blocks, pre.biases):
            x = block(x, page.graph.index, bias)
        x = self.norm(x)
        n_votes = len(self.cfg.rule_votes)
        # prepare_page puts the rules' decisions last among the feature columns
        votes = page.features[:, page.features.shape[1] - n_votes:] if n_votes else None  # (N, V)
        if dropped:
            votes = None  # nor the rules' decisions added to the heads' logits
        # The page embedding pools what is shown: a hidden pop-up login form does not make a
        # product page a login page (hidden form fields are the only kept elements without a box).
        shown = (page.boxes[:, 2] > page.boxes[:, 0]) & (page.boxes[:, 3] > page.boxes[:, 1])  # (N,)
        pooled = self.pool(x[shown] if bool(shown.any()) else x)  # (dim,)
        if self.title is not None:
            if page.title_ids is None:
                raise ValueError("this model reads the page title: prepare the page with its "
                                 "FusionConfig (page_title=True)")
            title = self.layout.encode_strings(page.title_ids, page.title_mask)  # (1, Ht)
            pooled = pooled + self.title(title)[0]
        return PageEncoding(elements=x, page=pooled, visual=visual, seen=pre.seen, votes=votes)
