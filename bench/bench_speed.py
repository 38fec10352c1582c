"""Time the model on captured pages of 100, 500 and 2,000 elements (after capture), p50 and p95,
and peak memory.

    .venv/bin/python bench/bench_speed.py --model assets/model --pages data/synth-heldout \
        --sizes 100 500 2000 --repeats 15 --threads 1 2 --out runs/bench_speed.json

``--runtime torch`` runs the screenshot half in torch instead of ONNX Runtime, ``--no-overlap``
featurises and runs it one after the other.

Pages of an exact size are made from rendered captures (held-out synthetic pages: 50-250
elements, 1,500-4,000 CSS px tall): a capture's elements (with their texts, attributes and
styles) are tiled down the page, each copy shifted below the last, and its screenshot tiled with
it, until the page holds N elements; so every size has real text and real pixels, and a page
grows taller with its element count as real pages do. The tiled screenshot is written as
Chromium writes its own (image data in 4 KB chunks), since the chunking changes how long
decoding waits for the other thread (``decode_top_rows``). Each timed call is
``Predictor.predict([capture])`` (featurising included: strings, label search, neighbourhoods,
screenshot decoding and downscaling) with the string cache cleared, so no page benefits from an
earlier one. Peak memory is the process's maximum resident set size after
the runs (``resource.getrusage``), and the growth over the loaded model.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np


CHROMIUM_IDAT_BYTES = 4096  # the IDAT chunk size of Chromium's screenshots


def tiled_capture(cap, n: int):
    """A capture with exactly ``n`` elements: ``cap``'s elements repeated down the page."""
    from PIL import Image

    from pagelens.records import Box, trusted_pixels
    from pagelens.vision.encoder import rechunk_png

    els = list(cap.elements)
    body = [e for e in els if e.id > 0]  # copies hang under the first copy's <html>
    shot = None
    if cap.screenshot_png is not None:
        with trusted_pixels():  # a saved real page's screenshot may be 1280 x 150,000 px
            shot = Image.open(io.BytesIO(cap.screenshot_png)).convert("RGB")
    height = cap.page_height
    out = list(els[:n])
    copy = 1
    while len(out) < n:
        shift = height * copy
        base = len(out)
        remap = {e.id: base + k for k, e in enumerate(body)}
        for e in body:
            if len(out) >= n:
                break
            parent = remap.get(e.parent, 0)
            b = e.box
            out.append(dataclasses.replace(e, id=remap[e.id], parent=parent,
                                           box=Box(b.x0, b.y0 + shift, b.x1, b.y1 + shift),
                                           in_first_viewport=False))
        copy += 1
    new_height = height * copy
    png = None
    if shot is not None:
        canvas = Image.new("RGB", (shot.width, min(new_height, 16384)), "white")
        for k in range(copy):
            if k * shot.height < canvas.height:
                canvas.paste(shot, (0, k * height))
        buf = io.BytesIO()
        canvas.save(buf, format="PNG", compress_level=1)
        png = rechunk_png(buf.getvalue(), CHROMIUM_IDAT_BYTES)
    return dataclasses.replace(cap, elements=tuple(out), page_height=new_height,
                               screenshot_png=png, source=f"{cap.source}#tiled{n}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="model folder (default: the shipped model)")
    parser.add_argument("--pages", type=Path, required=True, help="folder of capture folders")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--repeats", type=int, default=15, help="timed calls per size")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-overlap", action="store_true",
                        help="featurise and run the backbone one after the other (one thread)")
    parser.add_argument("--runtime", choices=("onnx", "torch"), default="onnx",
                        help="what runs the screenshot half (load_predictor's runtime)")
    parser.add_argument("--vision-threads", type=int, default=None,
                        help="ONNX Runtime's threads for the backbone (load_predictor's default)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)

    import torch

    from pagelens.model import load_predictor
    from pagelens.records import PageCapture

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    predictor = load_predictor(args.model, threads=args.threads[0], runtime=args.runtime,
                               vision_threads=args.vision_threads)
    predictor.overlap = not args.no_overlap
    rss_model = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    folders = sorted(p.parent for p in args.pages.rglob("page.json"))
    sources = [PageCapture.load(f) for f in folders[: max(args.repeats, 5)]]
    sources = [c for c in sources if len(c.elements) >= 20]
    if not sources:
        print(f"{args.pages}: no captures with at least 20 elements", file=sys.stderr)
        return 2
    results = []
    for threads in args.threads:
        if threads != predictor.threads:  # ONNX Runtime's threads are set when it is loaded
            predictor = load_predictor(args.model, threads=threads, runtime=args.runtime,
                                       vision_threads=args.vision_threads)
            predictor.overlap = not args.no_overlap
        for n in args.sizes:
            pages = [tiled_capture(sources[i % len(sources)], n) for i in range(args.repeats)]
            predictor.predict(pages[:1])  # warm-up
            times = []
            for page in pages:
                clear = getattr(predictor, "clear_cache", None)
                if clear:
                    clear()
                t0 = time.perf_counter()
                predictor.predict([page])
                times.append((time.perf_counter() - t0) * 1000)
            row = {"threads": threads, "elements": n, "p50_ms": round(statistics.median(times), 1),
                   "p95_ms": round(float(np.percentile(times, 95)), 1), "runs": len(times)}
            results.append(row)
            print(json.dumps(row), flush=True)
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary = {"model": args.model or "assets/model", "pages_from": str(args.pages),
               "overlap": predictor.overlap, "runtime": args.runtime,
               "vision_in_onnx_runtime": predictor.vision_runtime is not None,
               "vision_threads": args.vision_threads or "default",
               "torch": torch.__version__, "results": results,
               "rss_start_mb": round(rss0), "rss_model_loaded_mb": round(rss_model),
               "rss_peak_mb": round(rss_peak), "peak_growth_over_model_mb": round(rss_peak - rss_model),
               "load_average": list(__import__("os").getloadavg())}
    print(json.dumps({k: v for k, v in summary.items() if k != "results"}))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
