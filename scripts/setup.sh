#!/usr/bin/env bash
# Set up everything pagelens needs on a fresh Debian machine, as root: Chromium and fonts from
# apt, a virtual environment in .venv/ at the repository root, and the package in it.
# Idempotent: a second run only checks.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# CJK and emoji glyphs, and the web fonts synthetic shops name (pagelens/synth/themes.py): without
# them every synthetic page falls back to the same face.
# Tesseract with its Latin-script model gives OCR'd screenshots their accents back (pagelens.ocr).
for pkg in fonts-noto-cjk fonts-noto-color-emoji fonts-liberation2 fonts-roboto fonts-open-sans \
           fonts-lato fonts-dejavu-core tesseract-ocr tesseract-ocr-script-latn; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "setup: apt-get install ${need_apt[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

stamp=".venv/.pagelens-setup"
want="$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)"
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup: creating .venv and installing pagelens (first run takes a few minutes)" >&2
    [ -x .venv/bin/python ] || python3 -m venv .venv
    .venv/bin/pip install -q --upgrade pip >/dev/null
    # torch and torchvision first: pip takes this pair from the local wheel store.
    .venv/bin/pip install -q "torch==2.14.1" "torchvision==0.29.1"
    # baselines: Formasaurus, the form classifier `pagelens eval` compares against.
    .venv/bin/pip install -q -e ".[dev,baselines]"
    # OCR for screenshot-only input (pagelens.ocr); its declared dependencies would pull the GUI
    # OpenCV build, so it comes without them and the others are named here.
    .venv/bin/pip install -q --no-deps "rapidocr-onnxruntime>=1.3"
    .venv/bin/pip install -q pyclipper six pyyaml
    echo "$want" > "$stamp"
fi
