"""How far page type can go by combining what the network and the rules already say.

    python bench/page_type_ceiling.py OUT_DIR FOLD0_MODEL FOLD1_MODEL

FOLD0_MODEL was fine-tuned on fold-0 websites (``pagelens train --real-fold 0``), FOLD1_MODEL on
fold-1 websites; each is run on the real pages of the websites it never saw (the held-out lists
of ``bench/heldout_sites.py``, as ``bench/crossfit.sh`` does), and its raw page-type logits, the
rules' page type and its product-role presence are cached in OUT_DIR/outputs.jsonl. Then, over
those out-of-fold outputs (every page scored by a model that never saw its website):

- the shipped decoding (logits + W on the rules' type) for W from 0 to 6;
- an oracle that takes, page by page, whichever of the network's type and the rules' is right,
  and how often the gold type is among the decoding's two best;
- a multinomial logistic regression (L2, full batch) over the logits, the rules' type and the
  presence of price, title and add-to-cart, optionally with hashed character 3- and 4-grams of
  the page's ``<title>``, fitted on one fold's pages and applied to the other's: first with its
  L2 weight chosen by a website-grouped 2-fold cross-validation inside the fitting fold (the
  honest figure), then at each weight of the grid (chosen on the pages scored: optimistic).

Measured on 2026-12-06 with R2 / R2f1 (docs/model.md, Decisions: page type from the network's
and the rules' outputs together). About 4 minutes on 2 cores, most of it running the models.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pagelens.corpora import CORPUS_NAMES as CORPORA, load  # noqa: E402
from pagelens.tasks.page_stack import (L2_GRID, PRESENCE_ROLES, TITLE_DIM, fit_logistic,  # noqa: E402
                                       fit_page_stack, output_features, page_features)
from pagelens.vocab import PAGE_TYPES  # noqa: E402

log = logging.getLogger("page_type_ceiling")


def dump(model_dir: Path, sites: set[str] | None, corpora: tuple[str, ...] = CORPORA) -> list[dict]:
    """Raw outputs of ``model_dir`` on every cached page of ``corpora`` (names or folders) whose
    website is in ``sites`` (None: every page)."""
    from pagelens.model import load_predictor

    pred = load_predictor(model_dir)
    rows = []
    for corpus in corpora:
        for page in load(corpus):
            if sites is not None and page.gold.site not in sites:
                continue
            cap = page.capture()
            inputs, out = pred.outputs(cap)
            x = output_features(cap.title, out, len(inputs.element_ids), 0)  # (N_NUMERIC,)
            k = len(PAGE_TYPES)
            rows.append({
                "corpus": corpus, "site": page.gold.site, "gold": page.gold.page_type, "title": cap.title,
                "logits": (x[:k] * 10).tolist(), "rules": x[k:2 * k].tolist(),
                "present": {r: math.exp(float(v) * 10) - 1e-6 for r, v in zip(PRESENCE_ROLES, x[2 * k:])},
            })
    log.info("%s: %d pages", model_dir, len(rows))
    return rows


def decoded(row: dict, weight: float) -> str:
    return PAGE_TYPES[int(np.argmax(np.array(row["logits"]) + weight * np.array(row["rules"])))]


def features(rows: list[dict], title: bool) -> torch.Tensor:
    """(N, F): :func:`pagelens.tasks.page_stack.page_features` of each page, with or without the
    title's n-grams."""
    return torch.stack([page_features(r["logits"], r["rules"], [r["present"][k] for k in PRESENCE_ROLES],
                                      r["title"], TITLE_DIM if title else 0) for r in rows])


def fit_predict(train: list[dict], test: list[dict], title: bool, l2: float) -> list[str]:
    """The stack fitted on ``train`` at weight decay ``l2``, applied to ``test``."""
    y = torch.tensor([PAGE_TYPES.index(r["gold"]) for r in train])
    lin = fit_logistic(features(train, title), y, l2)
    with torch.no_grad():
        return [PAGE_TYPES[i] for i in lin(features(test, title)).argmax(dim=1).tolist()]


def nested_predict(train: list[dict], test: list[dict], title: bool,
                   min_pages: int = 0) -> tuple[list[str], float]:
    """Predictions on ``test`` of the stack :func:`fit_page_stack` fits on ``train`` (its L2
    weight chosen by a website-grouped cross-validation inside ``train``; guarded by
    ``min_pages`` as ``pagelens stack --min-pages``), and that weight."""
    stack = fit_page_stack(features(train, title), [r["gold"] for r in train], [r["site"] for r in train],
                           title_dim=TITLE_DIM if title else 0, min_pages=min_pages)
    best = stack.scores(features(test, title)).argmax(dim=1).tolist()
    return [PAGE_TYPES[i] if stack.decides(decoded(r, 2)) else decoded(r, 2)
            for i, r in zip(best, test)], stack.l2


def by_corpus(rows: list[dict], preds: list[str]) -> str:
    out = []
    for corpus in CORPORA:
        pairs = [(p, r) for p, r in zip(preds, rows) if r["corpus"] == corpus]
        if pairs:
            out.append(f"{corpus} {sum(p == r['gold'] for p, r in pairs) / len(pairs):.3f}")
    return ", ".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("fold0_model", type=Path)
    ap.add_argument("fold1_model", type=Path)
    ap.add_argument("--synthetic", type=Path, default=None,
                    help="synthetic pages neither model trained on: each stack is also fitted on "
                         "its fitting model's outputs on them (never scored)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.out.mkdir(parents=True, exist_ok=True)
    cache = args.out / "outputs.jsonl"
    if cache.is_file():
        folds = [[json.loads(x) for x in part.splitlines()] for part in cache.read_text().split("\n\n")]
    else:
        folds = []
        for model, other in ((args.fold0_model, args.fold1_model), (args.fold1_model, args.fold0_model)):
            sites_file = args.out / f"sites_{model.name}.txt"
            # the websites this model never saw (Formasaurus cut as in the published tables)
            subprocess.run([sys.executable, str(ROOT / "bench" / "heldout_sites.py"),
                            str(model / "heldout_sites.txt"), str(sites_file)], check=True)
            folds.append(dump(model, set(sites_file.read_text().split())))
        cache.write_text("\n\n".join("\n".join(json.dumps(r) for r in part) for part in folds))
    extra: list[list[dict]] = [[], []]  # synthetic rows of the fold-0 and the fold-1 model
    if args.synthetic is not None:
        cache = args.out / f"synthetic_{args.synthetic.parent.name}.jsonl"
        if cache.is_file():
            extra = [[json.loads(x) for x in part.splitlines()] for part in cache.read_text().split("\n\n")]
        else:
            extra = [dump(m, None, (str(args.synthetic),)) for m in (args.fold0_model, args.fold1_model)]
            cache.write_text("\n\n".join("\n".join(json.dumps(r) for r in part) for part in extra))
        print(f"stacks also fitted on {len(extra[0])} synthetic pages of {args.synthetic}")
    rows = folds[0] + folds[1]
    n = len(rows)
    print(f"{n} pages, out of fold")
    for w in (0, 1, 1.5, 2, 2.5, 3, 4, 6):
        hits = sum(decoded(r, w) == r["gold"] for r in rows)
        print(f"decoding, rules' type weighed {w}: {hits / n:.3f} ({hits})")
    net = sum(decoded(r, 0) == r["gold"] for r in rows)
    rules = sum(PAGE_TYPES[int(np.argmax(r["rules"]))] == r["gold"] for r in rows)
    either = sum(decoded(r, 0) == r["gold"] or PAGE_TYPES[int(np.argmax(r["rules"]))] == r["gold"] for r in rows)
    top2 = sum(r["gold"] in [PAGE_TYPES[i] for i in np.argsort(-(np.array(r["logits"]) + 2 * np.array(r["rules"])))[:2]]
               for r in rows)
    print(f"network alone {net / n:.3f}, rules alone {rules / n:.3f}, oracle of the two {either / n:.3f} ({either}), "
          f"gold among the decoding's two best {top2 / n:.3f}")
    print("decoding (weight 2) by corpus:", by_corpus(rows, [decoded(r, 2) for r in rows]))
    for title in (False, True):
        preds, chosen = [], []
        for train, test in ((folds[1] + extra[1], folds[0]), (folds[0] + extra[0], folds[1])):
            p, l2 = nested_predict(train, test, title)
            preds += p
            chosen.append(l2)
        test_rows = folds[0] + folds[1]
        hits = sum(p == r["gold"] for p, r in zip(preds, test_rows))
        print(f"stacked{' + title n-grams' if title else ''}, l2 chosen inside each fitting fold "
              f"{chosen}: {hits / n:.3f} ({hits}); by corpus: {by_corpus(test_rows, preds)}")
    for min_pages in (50, 30):
        preds = []
        for train, test in ((folds[1] + extra[1], folds[0]), (folds[0] + extra[0], folds[1])):
            preds += nested_predict(train, test, True, min_pages)[0]
        hits = sum(p == r["gold"] for p, r in zip(preds, rows))
        print(f"stacked + title n-grams, deciding only among types with >= {min_pages} fitting pages: "
              f"{hits / n:.3f} ({hits}); by corpus: {by_corpus(rows, preds)}")
    for title in (False, True):
        for l2 in L2_GRID:
            hits = 0
            for train, test in ((folds[1] + extra[1], folds[0]), (folds[0] + extra[0], folds[1])):
                hits += sum(p == r["gold"] for p, r in zip(fit_predict(train, test, title, l2), test))
            print(f"stacked{' + title n-grams' if title else ''}, l2 {l2:g}: {hits / n:.3f} ({hits})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
