"""pagelens installs under its own namespace, as a normal and as an editable install."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECK = """
import importlib.util, sys
import pagelens, pagelens.records, pagelens.capture, pagelens.cli
import pagelens.vision, pagelens.layout, pagelens.fusion, pagelens.tasks
import pagelens.synth, pagelens.corpora, pagelens.baselines, pagelens.commands.label
from pagelens.paths import asset_path
from pagelens.commands.demo import samples_dir
assert (asset_path("model") / "model.safetensors").is_file(), asset_path("model")
assert (asset_path("model-ocr") / "model.safetensors").is_file(), asset_path("model-ocr")
assert (samples_dir() / "index.json").is_file()
for generic in ("vision", "layout", "fusion", "tasks"):
    assert importlib.util.find_spec(generic) is None, f"top-level {generic!r} leaked into site-packages"
print(pagelens.__file__)
"""


def test_editable_install_imports_from_the_checkout(tmp_path):
    out = subprocess.run([sys.executable, "-c", CHECK], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()).resolve().is_relative_to(ROOT)


def test_normal_install_imports(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheel_dir), str(ROOT)], check=True, timeout=300)
    target = tmp_path / "site"
    wheel = next(wheel_dir.glob("pagelens-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, timeout=300)
    # -S: no site processing, so the editable install's path hook is off; dependencies come from
    # the environment's site-packages, pagelens only from the installed wheel.
    deps = sysconfig.get_paths()["purelib"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(target), deps]))
    out = subprocess.run([sys.executable, "-S", "-c", CHECK], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()).resolve().is_relative_to(target)
    assert (target / "pagelens" / "js" / "extract.js").is_file()
    assert (target / "pagelens" / "schema" / "labels.schema.json").is_file()
    assert (target / "pagelens" / "assets" / "model" / "model.safetensors").is_file()


def test_the_command_says_what_it_does(capsys):
    """`pagelens` alone prints what it finds and its commands, not where its code lives."""
    from pagelens.cli import COMMANDS, main

    assert main([]) == 2
    out = capsys.readouterr().out
    assert "price" in out and "autocomplete token" in out and "pagelens COMMAND --help" in out
    assert all(name in out for name in COMMANDS)
    assert "commands/" not in out
