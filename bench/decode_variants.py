"""Field macro-F1 and page type of one model under several decoding settings, from one forward
pass per page.

    .venv/bin/python bench/decode_variants.py --model assets/model \
        --sites-from runs/eval/heldout_sites.txt \
        --variant base '{}' --variant pw '{"password_beside_name": true}' \
        --out runs/variants.pkl ddg-forms formasaurus data/synth-heldout

Each ``--variant NAME JSON`` overrides fields of the model's own ``DecodeConfig``; ``base``
(``{}``) is the model as shipped and reproduces ``pagelens eval``'s field and page-type figures.
Decoding rules change nothing upstream of the heads, so running the network once and decoding
each page once per variant costs one evaluation instead of one per variant. ``--sites-from``
keeps the pages of the listed websites (as ``pagelens eval --sites-from``); folders of captures
(synthetic pages) are read whole. ``--out`` keeps every page's gold and predictions per variant
(a pickle: ``{corpus: (golds, {variant: predictions})}``) to read which pages moved.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", help="corpus names or folders of captures")
    parser.add_argument("--model", default=None, help="model folder (default: the shipped model)")
    parser.add_argument("--variant", nargs=2, action="append", metavar=("NAME", "JSON"),
                        required=True, help="a decoding setting: DecodeConfig fields as JSON")
    parser.add_argument("--sites-from", type=Path, default=None,
                        help="keep only these websites' pages (one per line) of named corpora")
    parser.add_argument("--out", type=Path, default=None, help="pickle of golds and predictions")
    args = parser.parse_args(argv)

    from pagelens import corpora
    from pagelens.metrics import evaluate
    from pagelens.model import load_predictor
    from pagelens.tasks.decode import decode

    predictor = load_predictor(args.model)
    base = predictor.model.cfg.decode
    configs = {}
    for name, text in args.variant:
        try:
            configs[name] = dataclasses.replace(base, **json.loads(text))
        except (json.JSONDecodeError, TypeError, ValueError) as exc:
            print(f"--variant {name}: {exc}", file=sys.stderr)
            return 2
    sites = corpora.read_sites(args.sites_from) if args.sites_from else None
    kept: dict[str, tuple[list, dict[str, list]]] = {}
    for corpus in args.corpora:
        named = corpus in corpora.CORPUS_NAMES
        pages = [p for p in corpora.load(corpus)
                 if not (named and sites is not None and p.gold.site not in sites)]
        golds, preds = [], {k: [] for k in configs}
        for i, page in enumerate(pages, 1):
            capture = page.capture(with_screenshot=True)
            inputs, outputs = predictor.outputs(capture)
            golds.append(page.gold)
            for name, cfg in configs.items():
                preds[name].append(decode(capture, inputs.element_ids, outputs, cfg, None))
            print(f"\r{corpus}: {i}/{len(pages)} pages", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        kept[corpus] = (golds, preds)
        for name in configs:
            m = evaluate(golds, preds[name], n_boot=1)
            row = {"corpus": corpus, "variant": name, "pages": len(golds)}
            if m["fields"]:
                row["fields_macro_f1"] = round(m["fields"]["macro_f1"].value, 4)
            if m["page_type"]:
                acc = m["page_type"]["accuracy"]
                row["page_type_right"] = round(acc.value * acc.n)
                row["page_type_pages"] = acc.n
            print(json.dumps(row), flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("wb") as fh:
            pickle.dump(kept, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
