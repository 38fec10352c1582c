"""``pagelens fill INPUT --profile PROFILE.json``: fill a page's form from a profile in Chromium
and show what went where; nothing is submitted."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="INPUT", help="a page (.html, .htm, .html.gz, .mhtml) or a URL")
    p.add_argument("--profile", required=True, type=Path,
                   help="JSON object of the person's details by autocomplete token "
                        "(README: Filling a form)")
    p.add_argument("--out", type=Path, default=None,
                   help="write the report (plan, what each field holds after, skipped fields) "
                        "as JSON here")
    p.add_argument("--screenshot", type=Path, default=None, help="PNG of the filled page")
    p.add_argument("--reveal", action="store_true",
                   help="write card numbers, security codes and passwords in full in the report "
                        "(masked by default)")
    p.add_argument("--model", default=None, help="model folder (default: the shipped model)")
    p.add_argument("--viewport", default="desktop",
                   help="desktop (1280x800), mobile (390x844) or WIDTHxHEIGHT")
    p.add_argument("--online", action="store_true",
                   help="let local pages load from the network (URLs always may)")


def run(args: argparse.Namespace) -> int:
    from pagelens.api import ParseError, Parser, ParserConfig
    from pagelens.fill import ProfileError, Profile
    from pagelens.records import Viewport

    try:
        profile = Profile.load(args.profile)
        config = ParserConfig(viewport=Viewport.parse(args.viewport),
                              online=True if args.online else None)
    except (ProfileError, ValueError) as exc:
        print(f"pagelens fill: {exc}", file=sys.stderr)
        return 2
    with Parser.load(args.model, config) as parser:
        try:
            report = parser.fill(args.input, profile, screenshot=args.screenshot is not None)
        except ParseError as exc:
            print(f"pagelens fill: {exc}", file=sys.stderr)
            return 1
    d = report.to_dict(reveal=args.reveal)
    for row in d["steps"]:
        state = "ok" if row["ok"] else f"failed: {row['error']}"
        print(f"{row['autocomplete']:<16} {row['now'] if row['ok'] else row['value']!s:<32} {state}")
    for row in d["skipped"]:
        print(f"{row['autocomplete']:<16} {'-':<32} left alone: {row['reason']}")
    print(f"page type {d['page_type']}; {len(d['steps'])} field(s) filled, "
          f"{len(d['skipped'])} left alone, {len(d['submit'])} submit button(s) not pressed")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(d, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        log.info("report -> %s", args.out)
    if args.screenshot and report.screenshot_png:
        args.screenshot.parent.mkdir(parents=True, exist_ok=True)
        args.screenshot.write_bytes(report.screenshot_png)
        log.info("filled page -> %s", args.screenshot)
    failed = sum(not row["ok"] for row in d["steps"])
    return 1 if failed else 0
