"""Which form-field tokens the rules decide better than a recipe's network, out of fold.

    .venv/bin/python bench/rule_tokens.py CROSSFIT_DIR [--model assets/model] [--min-gain 0.02]
        [--min-gold 10] [--check formasaurus]

CROSSFIT_DIR is what ``bench/crossfit.sh`` writes (``fold0.json``, ``fold1.json``: the rules
and one or more models, every page scored by a model that never saw its website); each model
there counts as one seed of the recipe. Per token, the per-token counts are pooled over both
halves and every corpus with form fields, and the F1 of the rules is set beside each seed's. A
token is listed for ``DecodeConfig.rule_fields`` (``pagelens train --rule-fields``) when it is
not there yet in ``--model``'s config and, at every seed, the rules' pooled F1 is at least
``--min-gain`` above the model's over at least ``--min-gold`` gold fields, and on the
``--check`` corpus alone the rules' F1 is not below the model's (docs/model.md, Decisions).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from crossfit import read_half, token_counts  # noqa: E402

log = logging.getLogger("pagelens.bench")


def f1(c: list[int]) -> float:
    tp, fp, fn = c
    return 2 * tp / (2 * tp + fp + fn) if tp + fn else float("nan")


def counts_of(halves: list[dict], index: int, corpora: list[str]) -> dict[str, list[int]]:
    """token -> summed (tp, fp, fn) of the ``index``-th predictor over ``corpora``."""
    return token_counts(half[corpus][index][1] for half in halves for corpus in corpora)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("crossfit", type=Path, help="a bench/crossfit.sh output folder")
    parser.add_argument("--model", type=Path, default=Path("assets/model"),
                        help="the model whose rule_fields are extended (its config.json)")
    parser.add_argument("--min-gain", type=float, default=0.02)
    parser.add_argument("--min-gold", type=int, default=10)
    parser.add_argument("--check", default="formasaurus",
                        help="corpus on which the rules must not be below the model")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    halves = [read_half(args.crossfit / f"fold{i}.json") for i in (0, 1)]
    corpora = [c for c, preds in halves[0].items()
               if any(m.get("fields", {}).get("per_token") for _, m in preds)]
    if args.check not in corpora:
        log.error("%s: no form fields of corpus %r there", args.crossfit, args.check)
        return 2
    names = [n for n, _ in halves[0][corpora[0]]]
    if names[0] != "rules":
        log.error("%s: the first predictor is %r, not the rules (bench/crossfit.sh puts them first)",
                  args.crossfit, names[0])
        return 2
    try:
        shipped = set(json.loads((args.model / "config.json").read_text())["decode"]["rule_fields"])
    except (OSError, ValueError, KeyError) as e:
        log.error("%s/config.json: no decode.rule_fields (%s)", args.model, e)
        return 2
    seeds = range(1, len(names))
    pooled = {i: counts_of(halves, i, corpora) for i in range(len(names))}
    check = {i: counts_of(halves, i, [args.check]) for i in range(len(names))}
    header = ["token", "gold", "rules"] + [f"seed {i}" for i in seeds] + [f"{args.check}: rules"] \
        + [f"seed {i}" for i in seeds] + ["listed"]
    print("| " + " | ".join(header) + " |\n|" + " --- |" * len(header))
    chosen = []
    for tok in sorted(pooled[0]):
        gold = pooled[0][tok][0] + pooled[0][tok][2]
        rules_check = check[0].get(tok, [0, 0, 0])
        check_gold = rules_check[0] + rules_check[2]
        r, rc = f1(pooled[0][tok]), f1(rules_check)
        ms = [f1(pooled[i].get(tok, [0, 0, gold])) for i in seeds]  # absent: every gold missed
        mcs = [f1(check[i].get(tok, [0, 0, check_gold])) for i in seeds]
        ok = (tok not in shipped and gold >= args.min_gold
              and all(r >= m + args.min_gain for m in ms)
              and all(not (rc < mc) for mc in mcs))  # NaN (no gold there) does not block
        if ok:
            chosen.append(tok)
        cells = [tok, str(gold), f"{r:.3f}"] + [f"{m:.3f}" for m in ms] + [f"{rc:.3f}"] \
            + [f"{m:.3f}" for m in mcs] + ["already" if tok in shipped else ("yes" if ok else "")]
        print("| " + " | ".join(cells) + " |")
    print(f"\nto the rules: {' '.join(chosen) if chosen else '(none)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
