"""The website list a model's real-page figures are measured on.

    .venv/bin/python bench/heldout_sites.py MODEL_DIR/heldout_sites.txt OUT.txt

Keeps every held-out website of ``heldout_sites.txt`` (written by ``pagelens train --real``: the
websites of the fold the model was not fine-tuned on), but of Formasaurus only those among its
first 200 websites by name, the subset bench/eval_all.sh measures (Formasaurus has 864 pages;
the cut keeps an evaluation of every corpus to a few minutes).

    .venv/bin/python bench/heldout_sites.py --formasaurus-rest MODEL_DIR/heldout_sites.txt OUT.txt

writes the other part instead: the held-out Formasaurus websites outside the first 200 (100
websites, 229 pages for the shipped model), first measured on 2026-12-06 (docs/model.md).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from pagelens.corpora import load, read_sites

log = logging.getLogger("pagelens.bench")
FORMASAURUS_SITES = 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("heldout", type=Path, help="a model's heldout_sites.txt")
    parser.add_argument("out", type=Path, help="where to write the kept websites, one per line")
    parser.add_argument("--formasaurus-rest", action="store_true",
                        help="keep only the held-out Formasaurus websites outside the first 200")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    if not args.heldout.is_file():
        log.error("%s: no such file (pagelens train --real writes it beside the model)", args.heldout)
        return 2
    held = read_sites(args.heldout)
    formasaurus = {p.gold.site for p in load("formasaurus")}
    first = set(sorted(formasaurus)[:FORMASAURUS_SITES])
    if args.formasaurus_rest:
        keep = sorted(s for s in held if s in formasaurus and s not in first)
    else:
        keep = sorted(s for s in held if s not in formasaurus or s in first)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(s + "\n" for s in keep), encoding="utf-8")
    log.info("%s: %d of %d held-out websites", args.out, len(keep), len(held))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
