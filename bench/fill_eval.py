"""How well ``Parser.fill`` fills real forms: each labelled page's rendered DOM is filled from a
full profile in Chromium, and every value typed is checked against the page's gold field token.

    .venv/bin/python bench/fill_eval.py ddg-forms formasaurus \
        --sites-from runs/eval/heldout_sites.txt --out runs/fill_eval.json

For each cached page of a corpus (``pagelens eval CORPUS --build-only`` makes them) on the
listed websites, the page's saved DOM (``page.html`` of its capture folder) is opened, captured
again, parsed by the model and filled (:meth:`pagelens.api.Parser.fill`) from :data:`PROFILE`, a
profile holding every token. A step is matched to the gold by its xpath: the gold element at the
same xpath in the cached capture.

Per corpus: ``filled`` steps whose field took its value (read back equal); ``right`` those whose
gold token is the step's token (or one of the gold's alternatives); ``wrong_token`` those on a
field of another token and ``not_a_field`` those on a field labelled none (or, on pages where
every field is labelled, on an unlabelled one): a value where none belongs. ``precision`` is
right / scored filled steps; ``recall`` is right / the visible gold fields of the profile's
tokens (``submit`` and ``one-time-code`` aside). ``failed`` steps the browser refused,
``unmatched`` steps whose xpath is not in the cached capture (the saved DOM re-rendered
differently), ``honeypots`` fields left alone as honeypots, and ``left_alone`` the count of
fields left alone by reason.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

PROFILE = {"given-name": "Ada", "additional-name": "King", "family-name": "Lovelace",
           "email": "ada@example.org", "tel": "+1 415 555 0100",
           "street-address": "12 Analytical Way\nSuite 3", "address-level2": "San Francisco",
           "address-level1": "CA", "postal-code": "94105", "country": "US",
           "cc-name": "Ada Lovelace", "cc-number": "4242 4242 4242 4242", "cc-exp": "07/29",
           "cc-csc": "123", "bday": "1990-12-10", "username": "ada_l",
           "current-password": "Tr0ub4dor&3x", "new-password": "c0rrectH0rse"}  # 12 characters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("--model", default=None, help="model folder (default: the shipped model)")
    parser.add_argument("--sites-from", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per corpus")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)

    from tqdm import tqdm

    from pagelens import corpora
    from pagelens.api import ParseError, Parser
    from pagelens.fill import Profile
    from pagelens.metrics import canonical_field_token

    profile = Profile.from_dict(PROFILE)
    fillable = {t for t in PROFILE} | {"name", "address-line1", "address-line2", "cc-exp-month",
                                        "cc-exp-year", "bday-day", "bday-month", "bday-year"}
    sites = corpora.read_sites(args.sites_from) if args.sites_from else None
    summary = {}
    with Parser.load(args.model) as fill_parser:
        for corpus in args.corpora:
            pages = [p for p in corpora.load(corpus) if "fields" in p.gold.tasks
                     and (sites is None or p.gold.site in sites)][: args.limit]
            c: Counter = Counter()
            skips: Counter = Counter()
            t0 = time.perf_counter()
            for page in tqdm(pages, desc=corpus, unit="page"):
                cached = page.capture(with_screenshot=False)
                by_xpath = {e.xpath: e.id for e in cached.elements}
                gold, scope = page.gold, page.gold.fields_scope
                labels = gold.field_labels()
                for eid, tok in labels.items():
                    el = cached.element(eid)
                    if tok in fillable and eid not in gold.ignore and el.visible \
                            and el.box.width > 1 and el.box.height > 1:
                        c["gold_fields"] += 1
                try:
                    report = fill_parser.fill(str(page.folder / "page.html"), profile,
                                              screenshot=False)
                except ParseError as exc:
                    c["pages_failed"] += 1
                    print(f"\n{exc}", file=sys.stderr)
                    continue
                c["pages"] += 1
                c["honeypots"] += sum("honeypot" in s.reason for s in report.plan.skipped)
                for s in report.plan.skipped:
                    why = s.reason.split(" (")[0]
                    why = "no matching option" if why.startswith("no option") else why
                    why = "the profile has none" if why.startswith("the profile has no") else why
                    skips[why] += 1
                for step, outcome in zip(report.plan.steps, report.outcomes):
                    if not outcome.ok:
                        c["failed"] += 1
                        continue
                    c["filled"] += 1
                    eid = by_xpath.get(step.xpath)
                    if eid is None:
                        c["unmatched"] += 1
                        continue
                    if eid in gold.ignore:
                        continue
                    want = labels.get(eid)
                    if want is None and scope != "page":
                        continue  # an unlabelled form: not scored
                    want = want or "none"
                    alts = {canonical_field_token(a) for a in gold.alternatives.get(eid, ())}
                    if step.autocomplete == want or step.autocomplete in alts:
                        c["right"] += 1
                    elif want == "none":
                        c["not_a_field"] += 1
                    else:
                        c["wrong_token"] += 1
            scored = c["right"] + c["wrong_token"] + c["not_a_field"]
            row = dict(c, precision=round(c["right"] / scored, 3) if scored else None,
                       recall=round(c["right"] / c["gold_fields"], 3) if c["gold_fields"] else None,
                       seconds_per_page=round((time.perf_counter() - t0) / max(len(pages), 1), 2),
                       left_alone=dict(skips.most_common()))
            summary[corpus] = row
            print(json.dumps({"corpus": corpus, **row}), flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(summary, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
