"""``pagelens overlay INPUT -o overlay.png``: draw what pagelens found on a page's screenshot."""

from __future__ import annotations

import argparse
import logging
import sys

from pagelens.vocab import PAGE_TYPES

log = logging.getLogger(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="INPUT",
                   help="a page (.html, .htm, .html.gz, .mhtml), a URL or a capture folder")
    p.add_argument("-o", "--out", required=True, help="PNG file to write")
    p.add_argument("--model", default=None, help="model folder (default: the shipped model)")
    p.add_argument("--predictor", metavar="MODULE:NAME", default=None,
                   help="use another Predictor: a class or factory taking no arguments")
    p.add_argument("--max-height", type=int, default=None,
                   help="crop the page to its top N CSS px (long pages make huge images)")
    p.add_argument("--focus", action="store_true",
                   help="crop to the band of the page that holds the labelled elements")
    p.add_argument("--no-legend", action="store_true", help="leave out the legend panel")
    p.add_argument("--viewport", default="desktop",
                   help="desktop (1280x800), mobile (390x844) or WIDTHxHEIGHT")
    p.add_argument("--online", action="store_true",
                   help="let local pages load from the network (URLs always may)")
    p.add_argument("--page-type", choices=PAGE_TYPES, default=None,
                   help="the page is of this type: decode it as one (ParserConfig.page_type)")


def run(args: argparse.Namespace) -> int:
    from pagelens.api import ParseError, Parser, ParserConfig
    from pagelens.commands.label import predictor_from_spec
    from pagelens.overlay import overlay_result
    from pagelens.records import Viewport

    try:
        config = ParserConfig(viewport=Viewport.parse(args.viewport),
                              online=True if args.online else None, page_type=args.page_type)
        predictor = predictor_from_spec(args.predictor) if args.predictor else None
    except ValueError as exc:
        print(f"pagelens overlay: {exc}", file=sys.stderr)
        return 2
    parser = Parser(predictor, config) if predictor is not None else Parser.load(args.model, config)
    with parser:
        try:
            result = parser.parse(args.input)
        except ParseError as exc:
            print(f"pagelens overlay: {exc}", file=sys.stderr)
            return 1
    path = overlay_result(result, max_height=args.max_height, legend=not args.no_legend,
                          focus=args.focus).save(args.out)
    log.info("%s: %s %.2f, %d element(s), %d field(s) -> %s", args.input, result.page_type,
             result.page_type_score, len(result.elements), len(result.fields), path)
    return 0
