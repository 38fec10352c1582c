"""``pagelens export labels.jsonl --to coco|label-studio -o OUT``: convert ``pagelens label``
output for human review tools.

- ``coco``: one COCO detection file; categories are the product roles then the form-field tokens
  of :mod:`pagelens.vocab` (ids from 1, in that order, so they are stable across exports); each
  annotation carries the prediction's ``score`` and the element's ``xpath``, ``text`` and id.
- ``label-studio``: a JSON task list with the boxes as predictions (``rectanglelabels``, in
  percent of the image as Label Studio wants) and the page type as a ``choices`` prediction;
  the matching labelling config is written beside it as ``<OUT>.config.xml``.

Images: boxes are in the screenshot's pixels (CSS px of the full page). ``--images DIR`` names a
folder holding ``<name>.png`` per page (the ``--report`` folder of ``pagelens label``); image
sizes are read from there. Without it, a page's size is taken as the extent of its boxes, which
is right for COCO's boxes but leaves Label Studio's percentages approximate.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Iterable, Mapping

log = logging.getLogger(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("labels", help="labels.jsonl written by pagelens label")
    p.add_argument("--to", required=True, choices=("coco", "label-studio"), help="output format")
    p.add_argument("-o", "--out", required=True, help="JSON file to write")
    p.add_argument("--images", metavar="DIR", default=None,
                   help="folder with <name>.png screenshots (the --report folder of pagelens label)")


def categories() -> list[dict[str, Any]]:
    from pagelens.vocab import FIELD_TOKENS, PRODUCT_ROLES

    cats = [{"id": i + 1, "name": r, "supercategory": "product"} for i, r in enumerate(PRODUCT_ROLES)]
    cats += [{"id": len(cats) + i + 1, "name": t, "supercategory": "field"}
             for i, t in enumerate(FIELD_TOKENS)]
    return cats


def read_labels(path: str | Path) -> list[dict[str, Any]]:
    """The lines of a labels file (a torn last line, left by a crash, is ignored)."""
    records = []
    with open(path, "rb") as f:
        data = f.read()
    *complete, _torn = data.split(b"\n")
    for i, raw in enumerate(complete):
        if not raw.strip():
            continue
        try:
            records.append(json.loads(raw))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}, line {i + 1}: not valid JSON ({exc.msg})") from None
    return records


def _page_items(rec: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    return ([(e["role"], e) for e in rec.get("elements", [])]
            + [(f["autocomplete"], f) for f in rec.get("fields", [])])


def _image_info(rec: Mapping[str, Any], images: Path | None, out_dir: Path) -> tuple[str, int, int]:
    """(image path relative to the output's folder, width, height) of a line's page."""
    from pagelens.capture import slug_for

    name = f"{slug_for(rec['source'])}.png"
    if images is not None:
        path = images / name
        if path.is_file():
            from PIL import Image

            with Image.open(path) as im:
                w, h = im.size
            return os.path.relpath(path, out_dir), w, h
        log.warning("%s: no screenshot %s; page size taken from its boxes", rec["source"], path)
    boxes = [item["box"] for _, item in _page_items(rec)] or [[0, 0, 1, 1]]
    return name, int(max(b[2] for b in boxes)) + 1, int(max(b[3] for b in boxes)) + 1


def to_coco(records: Iterable[Mapping[str, Any]], images: Path | None, out_dir: Path) -> dict[str, Any]:
    cats = categories()
    cat_id = {c["name"]: c["id"] for c in cats}
    out_images, annotations = [], []
    for rec in records:
        if not rec.get("ok"):
            continue
        file_name, w, h = _image_info(rec, images, out_dir)
        image_id = len(out_images) + 1
        out_images.append({"id": image_id, "file_name": file_name, "width": w, "height": h,
                           "source": rec["source"], "page_type": rec["page_type"]["label"],
                           "page_type_score": rec["page_type"]["score"]})
        for label, item in _page_items(rec):
            x0, y0, x1, y1 = item["box"]
            annotations.append({
                "id": len(annotations) + 1, "image_id": image_id, "category_id": cat_id[label],
                "bbox": [x0, y0, round(x1 - x0, 2), round(y1 - y0, 2)],
                "area": round((x1 - x0) * (y1 - y0), 2), "iscrowd": 0, "score": item["score"],
                "attributes": {"element_id": item["id"], "xpath": item["xpath"],
                               "text": item.get("text", "")}})
    return {"info": {"description": "pagelens labels", "version": "1"},
            "images": out_images, "annotations": annotations, "categories": cats}


def to_label_studio(records: Iterable[Mapping[str, Any]], images: Path | None,
                    out_dir: Path) -> list[dict[str, Any]]:
    tasks = []
    for rec in records:
        if not rec.get("ok"):
            continue
        file_name, w, h = _image_info(rec, images, out_dir)
        result = [{"id": "page_type", "type": "choices", "from_name": "page_type",
                   "to_name": "image", "value": {"choices": [rec["page_type"]["label"]]},
                   "score": rec["page_type"]["score"]}]
        for label, item in _page_items(rec):
            x0, y0, x1, y1 = item["box"]
            result.append({
                "id": f"e{item['id']}-{label}", "type": "rectanglelabels", "from_name": "label",
                "to_name": "image", "original_width": w, "original_height": h,
                "image_rotation": 0, "score": item["score"],
                "value": {"x": 100 * x0 / w, "y": 100 * y0 / h, "width": 100 * (x1 - x0) / w,
                          "height": 100 * (y1 - y0) / h, "rotation": 0,
                          "rectanglelabels": [label]},
                "meta": {"text": [f"{item['xpath']} {item.get('text', '')}".strip()]}})
        tasks.append({"data": {"image": file_name, "source": rec["source"]},
                      "predictions": [{"model_version": "pagelens", "score": rec["page_type"]["score"],
                                       "result": result}]})
    return tasks


def label_studio_config() -> str:
    from pagelens.overlay import label_colour_hex
    from pagelens.vocab import PAGE_TYPES

    labels = "\n".join(f'    <Label value="{c["name"]}" background="{label_colour_hex(c["name"])}"/>'
                       for c in categories())
    choices = "\n".join(f'    <Choice value="{t}"/>' for t in PAGE_TYPES)
    return (f'<View>\n  <Image name="image" value="$image" zoom="true"/>\n'
            f'  <Choices name="page_type" toName="image" choice="single">\n{choices}\n  </Choices>\n'
            f'  <RectangleLabels name="label" toName="image">\n{labels}\n  </RectangleLabels>\n</View>\n')


def run(args: argparse.Namespace) -> int:
    try:
        records = read_labels(args.labels)
    except (OSError, ValueError) as exc:
        print(f"pagelens export: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    images = Path(args.images) if args.images else None
    if images is not None and not images.is_dir():
        print(f"pagelens export: --images {images}: no such folder", file=sys.stderr)
        return 2
    if args.to == "coco":
        data: Any = to_coco(records, images, out.parent)
        n = len(data["images"])
    else:
        data = to_label_studio(records, images, out.parent)
        n = len(data)
        out.with_name(out.name + ".config.xml").write_text(label_studio_config(), encoding="utf-8")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    skipped = sum(1 for r in records if not r.get("ok"))
    print(f"exported {n} page(s) to {out} ({args.to})"
          + (f"; {skipped} failed line(s) left out" if skipped else ""), file=sys.stderr)
    return 0
