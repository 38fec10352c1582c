"""Cross-fitted real-page figures: two evaluations, each of a model on the websites it never
trained on, pooled into one figure per corpus over all their websites.

A model fine-tuned on fold 0 of the website hash (``pagelens train --real-fold 0``) is measured
on fold 1's websites and one fine-tuned on fold 1 on fold 0's, each with ``pagelens eval ...
--sites-from`` the site list bench/heldout_sites.py makes from its ``heldout_sites.txt``. Every
page is then scored by a model that never saw its website, and the pooled sets are about twice
the size of one held-out half, which is what comparing two training recipes needs (one half
moves by a few points between reruns; docs/model.md, Decisions).

    .venv/bin/python bench/crossfit.py HALF0.json HALF1.json [--names A B ...] [--out F.md]

Both files hold the same predictors in the same order (``--model``/``--baseline`` in the same
order on both commands); ``--names`` labels them. Pooled: field macro-F1 from the summed
per-token counts (:func:`pagelens.metrics.macro_f1_of_counts`), top-k and page-type accuracy
weighted by the pages each half scored. Point figures only: each half's own ``eval`` output has
the bootstrap intervals.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
from pathlib import Path
from typing import Any, Iterable

from pagelens.metrics import macro_f1_of_counts

log = logging.getLogger("pagelens.bench")
ROLES = (("price", "top1"), ("price", "top3"), ("product_image", "top1"), ("add_to_cart", "top1"))


def read_half(path: Path) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """corpus -> [(predictor name, metrics)] in file order."""
    try:
        results = json.loads(path.read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError) as e:
        raise SystemExit(f"{path}: not a `pagelens eval --out` file ({e})")
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for r in results:
        out.setdefault(r["corpus"], []).append((r["predictor"], r["metrics"]))
    return out


def weighted(halves: list[dict[str, Any]], *path: str) -> tuple[float, int]:
    """The n-weighted mean of an Estimate found at ``path`` in each half's metrics."""
    total = n = 0
    for m in halves:
        for key in path:
            m = m.get(key, {}) if isinstance(m, dict) else {}
        if m and not math.isnan(m["value"]):
            total += m["value"] * m["n"]
            n += m["n"]
    return (total / n if n else float("nan")), n


def token_counts(metrics: Iterable[dict[str, Any]]) -> dict[str, list[int]]:
    """Field token -> its (tp, fp, fn) summed over several evaluations' metrics."""
    counts: dict[str, list[int]] = {}
    for m in metrics:
        for tok, c in m.get("fields", {}).get("per_token", {}).items():
            acc = counts.setdefault(tok, [0, 0, 0])
            for i, key in enumerate(("tp", "fp", "fn")):
                acc[i] += c[key]
    return counts


def pooled(halves: list[dict[str, Any]]) -> dict[str, Any]:
    """One corpus, one predictor: the pooled figures of its halves."""
    row: dict[str, Any] = {"pages": sum(m["pages"] for m in halves),
                           "sites": sum(m["sites"] for m in halves)}
    counts = token_counts(halves)
    row["fields"] = macro_f1_of_counts(counts) if counts else float("nan")
    for role, k in ROLES:
        row[f"{role} {k}"] = weighted(halves, "roles", role, k)[0]
    row["page type"] = weighted(halves, "page_type", "accuracy")[0]
    return row


def table(rows: list[tuple[str, str, dict[str, Any]]]) -> str:
    cols = ["fields", "price top1", "price top3", "product_image top1", "add_to_cart top1",
            "page type"]
    lines = ["| corpus | predictor | pages (sites) | " + " | ".join(cols) + " |",
             "|" + " --- |" * (len(cols) + 3)]
    for corpus, name, row in rows:
        cells = ["—" if math.isnan(row[c]) else f"{row[c]:.3f}" for c in cols]
        lines.append(f"| {corpus} | {name} | {row['pages']} ({row['sites']}) | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("halves", type=Path, nargs=2, help="`pagelens eval --out` files")
    parser.add_argument("--names", nargs="+", help="a label per predictor, in file order")
    parser.add_argument("--out", type=Path, help="also write the table here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    a, b = (read_half(p) for p in args.halves)
    if sorted(a) != sorted(b):
        log.error("%s and %s measure different corpora: %s / %s", *args.halves, sorted(a), sorted(b))
        return 2
    rows: list[tuple[str, str, dict[str, Any]]] = []
    every: dict[str, list[dict[str, Any]]] = {}  # predictor -> both halves of every corpus
    for corpus in a:
        if len(a[corpus]) != len(b[corpus]):
            log.error("%s: %d predictors in %s, %d in %s", corpus, len(a[corpus]), args.halves[0],
                      len(b[corpus]), args.halves[1])
            return 2
        names = args.names or [n for n, _ in a[corpus]]
        if len(names) != len(a[corpus]):
            log.error("--names: %d labels for %d predictors", len(names), len(a[corpus]))
            return 2
        for name, (_, ma), (_, mb) in zip(names, a[corpus], b[corpus]):
            rows.append((corpus, name, pooled([ma, mb])))
            every.setdefault(name, []).extend([ma, mb])
    overall = {name: weighted(halves, "page_type", "accuracy") for name, halves in every.items()}
    text = table(rows) + "".join(f"\npage type over all corpora, {name}: {acc:.3f} ({n} pages)"
                                 for name, (acc, n) in overall.items() if n) + "\n"
    print(text, end="")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
