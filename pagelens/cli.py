"""The ``pagelens`` command. Each subcommand lives in ``pagelens/commands/<name>.py`` and
provides ``add_arguments(parser)`` and ``run(args) -> int``; modules load only when used, so
``pagelens capture`` never pays for importing torch."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

# What `pagelens --help` says above the commands.
DESCRIPTION = ("Find the product's price, title, main image and add-to-cart button, every form "
               "field's autocomplete token, and the page type, on rendered web pages.")
EPILOG = "Run `pagelens COMMAND --help` for a command's options."

# name -> one-line help. The module pagelens.commands.<name> implements it.
COMMANDS: dict[str, str] = {
    "capture": "render pages in Chromium and write capture folders (page.png, page.json, page.html)",
    "synth": "generate synthetic shop pages with exact labels",
    "eval": "measure a model or a baseline on labelled corpora",
    "train": "train the pagelens model from nothing",
    "average": "average the weights of fine-tunes of one model into one model",
    "stack": "fit a model's page-type stack on real pages its sibling fine-tune never saw",
    "label": "label pages in batch and write JSON lines",
    "overlay": "draw what pagelens found on a page's screenshot",
    "export": "convert labels.jsonl for human review tools",
    "fill": "fill a page's form from a profile in Chromium (nothing is submitted)",
    "demo": "label the bundled sample pages and write overlays and a report",
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="pagelens", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    # Parse the command name first, then let only that command's module build its arguments.
    pre, _ = parser.parse_known_args(argv)
    if pre.command is None:
        parser.print_help()
        return 2
    module = importlib.import_module(f"pagelens.commands.{pre.command}")
    cmd_parser = argparse.ArgumentParser(prog=f"pagelens {pre.command}",
                                         description=COMMANDS[pre.command])
    cmd_parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    module.add_arguments(cmd_parser)
    # drop the first occurrence of the command name only
    idx = argv.index(pre.command)
    rest = argv[:idx] + argv[idx + 1:]
    args = cmd_parser.parse_args(rest)
    # "error: page.html: file is empty"; the logger's name only with --verbose.
    fmt = "%(levelname)s %(name)s: %(message)s" if args.verbose else "%(levelname)s: %(message)s"
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format=fmt)
    for level in (logging.ERROR, logging.WARNING, logging.INFO, logging.DEBUG):
        logging.addLevelName(level, logging.getLevelName(level).lower())
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print("pagelens: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
