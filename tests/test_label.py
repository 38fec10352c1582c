"""``pagelens label``: the JSON-lines format and schema, resume, crash safety under ``kill -9``,
broken inputs, and the exports."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import numpy as np
import pytest

from fake_predictor import FakePredictor
from pagelens.api import Parser, ParserConfig
from pagelens.commands.export import categories, to_coco, to_label_studio
from pagelens.commands.label import LabelsFile, label_inputs
from pagelens.vocab import FIELD_TOKENS, PAGE_TYPES, PRODUCT_ROLES

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "assets" / "samples"
SCHEMA = json.loads((ROOT / "pagelens" / "schema" / "labels.schema.json").read_text())


def read_lines(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert data.endswith(b"\n"), "every line, the last included, ends with a newline"
    return [json.loads(line) for line in data.decode().splitlines()]


@pytest.fixture(scope="module")
def parser(browser):
    with Parser(FakePredictor(), ParserConfig(batch_size=4), browser=browser) as p:
        yield p


@pytest.fixture(scope="module")
def labelled(parser, tmp_path_factory):
    """The samples plus three broken inputs, labelled once with overlays and a report."""
    tmp = tmp_path_factory.mktemp("label")
    (tmp / "binary.html").write_bytes(b"\x00\x01\x02garbage")
    inputs = [str(SAMPLES), str(tmp / "binary.html"), str(tmp / "missing.html")]
    out = tmp / "labels.jsonl"
    run = label_inputs(inputs, out, parser, overlays=tmp / "overlays", report=tmp / "report",
                       progress=False)
    return tmp, inputs, out, run


def test_schema_matches_vocabulary():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    props = SCHEMA["properties"]
    assert props["elements"]["items"]["properties"]["role"]["enum"] == list(PRODUCT_ROLES)
    assert props["fields"]["items"]["properties"]["autocomplete"]["enum"] == list(FIELD_TOKENS)
    assert props["page_type"]["oneOf"][1]["properties"]["label"]["enum"] == list(PAGE_TYPES)


def test_lines_validate_and_broken_inputs_fail_alone(labelled):
    tmp, _, out, run = labelled
    lines = read_lines(out)
    for line in lines:
        jsonschema.validate(line, SCHEMA)
    by_source = {line["source"]: line for line in lines}
    samples = sorted(str(p) for p in SAMPLES.glob("*.html"))
    assert sorted(s for s in by_source if s.startswith(str(SAMPLES))) == samples
    assert len(lines) == len(samples) + 2
    assert run.labelled == len(samples) and run.failed == 2
    for name in ("binary.html", "missing.html"):
        line = by_source[str(tmp / name)]
        assert line["ok"] is False and name in line["error"] and line["page_type"] is None
    shoe = by_source[str(SAMPLES / "product-trail-shoe.html")]
    assert shoe["page_type"] == {"label": "product", "score": 0.94}
    price = next(e for e in shoe["elements"] if e["role"] == "price")
    assert price["text"] == "$87.11" and price["xpath"].startswith("/html[1]/body[1]/")
    assert shoe["product"]["price"] == {"amount": "87.11", "currency": "USD", "text": "$87.11"}
    login = by_source[str(SAMPLES / "login.html")]
    assert login["product"] is None
    assert [f["autocomplete"] for f in login["fields"]] == ["current-password", "submit"]
    # A line the schema must refuse: an unknown role.
    bad = json.loads(json.dumps(shoe))
    bad["elements"][0]["role"] = "colour"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_overlays_and_report_written(labelled):
    tmp, _, out, _ = labelled
    assert len(list((tmp / "overlays").glob("*.png"))) == 6
    index = (tmp / "report" / "index.html").read_text()
    assert index.count('<tr class="ok">') == 6 and index.count('<tr class="fail">') == 2


def test_rerun_does_nothing_and_torn_line_is_dropped(labelled, parser):
    tmp, inputs, out, _ = labelled
    before = out.read_bytes()
    again = label_inputs(inputs, out, parser, progress=False)
    assert (again.labelled, again.failed, again.skipped) == (0, 0, 8)
    assert out.read_bytes() == before
    # A crash mid-write leaves part of a line; the next run cuts it off and redoes that input.
    lines = before.decode().splitlines(keepends=True)
    victim = json.loads(lines[-1])["source"]
    out.write_bytes("".join(lines[:-1]).encode() + lines[-1].encode()[:50])
    fixed = label_inputs(inputs, out, parser, progress=False)
    assert fixed.labelled + fixed.failed == 1
    after = read_lines(out)
    assert sorted(line["source"] for line in after) == sorted(json.loads(l)["source"] for l in lines)
    assert after[-1]["source"] == victim


def test_retry_failed_relabels_only_failures(labelled, parser, tmp_path):
    tmp, inputs, out, _ = labelled
    copy = tmp_path / "labels.jsonl"
    copy.write_bytes(out.read_bytes())
    (tmp / "missing.html").write_text("<h1>Now here</h1><button type=submit>Go</button>")
    try:
        run = label_inputs(inputs, copy, parser, progress=False, retry_failed=True)
    finally:
        (tmp / "missing.html").unlink()
    assert run.labelled == 1 and run.failed == 1  # binary.html still fails
    lines = read_lines(copy)
    assert len(lines) == 8 and len({l["source"] for l in lines}) == 8
    assert next(l for l in lines if l["source"].endswith("missing.html"))["ok"] is True


def test_middle_line_corruption_is_an_error(tmp_path):
    path = tmp_path / "labels.jsonl"
    path.write_text('{"source": "a"}\nnot json\n{"source": "b"}\n')
    with pytest.raises(ValueError, match="line 2"):
        LabelsFile(path).open()


def test_two_runs_cannot_share_an_output(tmp_path):
    path = tmp_path / "labels.jsonl"
    with LabelsFile(path):
        with pytest.raises(RuntimeError, match="another pagelens label"):
            LabelsFile(path).open()


def test_kill_9_mid_run_then_resume(tmp_path):
    """Kill a real ``pagelens label`` process mid-run; every input ends up exactly once and no
    line is torn. The inputs are capture folders, so the runs need no browser and the test
    stays fast; the write path is the same for every input kind."""
    from pagelens.api import ScreenshotBox, capture_from_screenshot

    pages = tmp_path / "pages"
    image = np.full((300, 400, 3), 255, dtype=np.uint8)
    for i in range(12):
        cap = capture_from_screenshot(image, [ScreenshotBox((10, 10, 300, 40), f"Thing {i}", "h1"),
                                              ScreenshotBox((10, 50, 90, 70), f"${i}.99")],
                                      source=f"p{i:02d}")
        cap.save(pages / f"p{i:02d}")
    inputs = sorted(str(p) for p in pages.iterdir())
    out = tmp_path / "labels.jsonl"
    env = dict(os.environ, PYTHONPATH=f"{ROOT / 'tests'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
               PAGELENS_FAKE_DELAY="0.25")
    cmd = [sys.executable, "-m", "pagelens.cli", "label", *inputs, "--out", str(out),
           "--predictor", "fake_predictor:FakePredictor", "--batch-size", "1", "--no-progress"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.02)
    assert proc.poll() is None, f"run ended before it could be killed: {proc.stderr.read().decode()[-500:]}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = out.read_bytes().count(b"\n")
    assert 3 <= done_before < 12
    # The worst moment too: killed in the middle of writing a line.
    with open(out, "ab") as f:
        f.write(b'{"source": "torn')
    rerun = subprocess.run(cmd, env=dict(env, PAGELENS_FAKE_DELAY="0"), capture_output=True,
                           text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert "torn last line" in rerun.stderr
    assert f"{done_before} already in" in rerun.stderr
    lines = read_lines(out)
    sources = [line["source"] for line in lines]
    assert sorted(sources) == inputs and len(set(sources)) == 12
    assert all(line["ok"] and line["page_type"]["label"] == "other" for line in lines)


def test_export_coco_and_label_studio(labelled):
    tmp, _, out, _ = labelled
    records = read_lines(out)
    coco = to_coco(records, tmp / "report", tmp)
    assert [c["name"] for c in coco["categories"]] == list(PRODUCT_ROLES) + list(FIELD_TOKENS)
    assert len(coco["images"]) == 6
    shoe = next(im for im in coco["images"] if im["source"].endswith("product-trail-shoe.html"))
    assert (shoe["width"], shoe["file_name"].startswith("report/")) == (1280, True)
    line = next(r for r in records if r["source"] == shoe["source"])
    price = next(e for e in line["elements"] if e["role"] == "price")
    ann = next(a for a in coco["annotations"]
               if a["image_id"] == shoe["id"] and a["attributes"]["element_id"] == price["id"])
    x0, y0, x1, y1 = price["box"]
    assert ann["bbox"] == [x0, y0, pytest.approx(x1 - x0), pytest.approx(y1 - y0)]
    assert categories()[ann["category_id"] - 1]["name"] == "price"
    tasks = to_label_studio(records, tmp / "report", tmp)
    task = next(t for t in tasks if t["data"]["source"] == shoe["source"])
    rect = next(r for r in task["predictions"][0]["result"] if r["id"] == f"e{price['id']}-price")
    assert rect["value"]["x"] == pytest.approx(100 * x0 / 1280)
    assert rect["value"]["width"] == pytest.approx(100 * (x1 - x0) / 1280)
    assert rect["value"]["rectanglelabels"] == ["price"]


def test_export_command_end_to_end(labelled, tmp_path):
    from pagelens import cli

    _, _, out, _ = labelled
    assert cli.main(["export", str(out), "--to", "coco", "-o", str(tmp_path / "coco.json")]) == 0
    coco = json.loads((tmp_path / "coco.json").read_text())
    assert len(coco["images"]) == 6 and coco["annotations"]
    tasks_path = tmp_path / "ls" / "tasks.json"
    assert cli.main(["export", str(out), "--to", "label-studio", "-o", str(tasks_path)]) == 0
    assert len(json.loads(tasks_path.read_text())) == 6
    config = (tmp_path / "ls" / "tasks.json.config.xml").read_text()
    assert '<Label value="cc-number"' in config and '<Choice value="checkout"/>' in config
    assert cli.main(["export", str(tmp_path / "none.jsonl"), "--to", "coco", "-o",
                     str(tmp_path / "x.json")]) == 2


def test_a_folder_of_capture_folders_expands_to_them(tmp_path):
    from pagelens.api import ScreenshotBox, capture_from_screenshot
    from pagelens.commands.label import expand_label_inputs

    image = np.full((120, 200, 3), 255, dtype=np.uint8)
    for name in ("a", "b"):
        capture_from_screenshot(image, [ScreenshotBox((0, 0, 50, 20), name)]).save(tmp_path / "caps" / name)
    (tmp_path / "caps" / "loose.html").write_text("<p>a page beside the captures</p>")
    got = expand_label_inputs([str(tmp_path / "caps"), str(tmp_path / "caps" / "a")])
    assert got == [(str(tmp_path / "caps" / "a"), None), (str(tmp_path / "caps" / "b"), None),
                   (str(tmp_path / "caps" / "loose.html"), None)]


def test_screenshots_are_label_inputs_but_not_capture_inputs(tmp_path):
    """`pagelens label shot.png` reads the screenshot by OCR; `pagelens capture` has nothing to
    render in it and says so; a folder still yields its pages, not the images beside them."""
    from pagelens.capture import expand_inputs
    from pagelens.commands.label import expand_label_inputs

    shot = tmp_path / "shot.PNG"
    shot.write_bytes(b"\x89PNG")
    (tmp_path / "list.txt").write_text(f"{shot}\n")
    (tmp_path / "page.html").write_text("<p>a page</p>")
    assert expand_label_inputs([str(shot), str(tmp_path / "list.txt")]) == [(str(shot), None)]
    assert expand_label_inputs([str(tmp_path)]) == [(str(tmp_path / "page.html"), None)]
    ((source, error),) = expand_inputs([str(shot)])
    assert source == str(shot) and "not a page" in error and ".jpg" not in error
