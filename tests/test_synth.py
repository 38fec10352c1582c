"""Synthetic shops: determinism, variety, labels that point at the right things and leave no
trace, and the ``pagelens synth`` command end to end."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from price_parser import Price

from pagelens.records import PageCapture, PageLabels
from pagelens.synth import FAMILIES, SPLITS, DEFAULT_SPLIT, generate_page
from pagelens.synth.dom import LABEL_ATTR
from pagelens.synth.locales import LANGS, STRINGS, all_currencies
from pagelens.synth.themes import ARCHETYPES
from pagelens.vocab import ALL_LABELS, FIELD_TOKENS, PAGE_TYPES, PRODUCT_ROLES, SINGLETON_ROLES

FIELD_TAGS = {"input", "select", "textarea"}
# Role names that no real page would spell out: finding one in a capture means a label leaked.
ROLE_IDENTIFIERS = [r for r in PRODUCT_ROLES if "_" in r]
HYPHENATED_TOKENS = [t for t in FIELD_TOKENS if "-" in t]


# -- pure generation (no browser) --

def test_same_seed_same_pages_and_different_seeds_differ():
    a = [generate_page(7, i).html for i in range(5)]
    b = [generate_page(7, i).html for i in range(5)]
    c = [generate_page(8, i).html for i in range(5)]
    assert a == b
    assert all(x != y for x, y in zip(a, c))
    # page i does not depend on which pages were generated before it
    assert generate_page(7, 3).html == a[3]


def test_offline_look_keeps_the_page_and_its_labels_but_not_its_styles():
    styled = generate_page(3, 11, offline_fraction=0.0)
    offline = generate_page(3, 11, offline_fraction=1.0)
    assert styled.look == "styled" and offline.look == "offline"
    # the same page underneath: type, family, labels
    assert (offline.page_type, offline.family, offline.label_counts) == (
        styled.page_type, styled.family, styled.label_counts)
    assert "<style>" in styled.html and "<style>" not in offline.html
    assert 'src="data:image/' not in offline.html
    looks = Counter(generate_page(3, i).look for i in range(200))
    assert 40 <= looks["offline"] <= 80  # OFFLINE_LOOK_FRACTION = 0.3
    # the look has its own random stream: the styled pages are exactly what they were
    assert generate_page(3, 11, offline_fraction=0.0).html == styled.html


def test_form_buttons_add_unlabelled_buttons_and_leave_default_pages_as_they_were():
    def unlabelled_buttons(html):
        return len(re.findall(rf"<button(?![^>]*{LABEL_ATTR})[^>]*>", html))

    plain = [generate_page(5, i) for i in range(60)]
    extra = [generate_page(5, i, form_buttons=1.0) for i in range(60)]
    changed = [i for i in range(60) if plain[i].html != extra[i].html]
    assert changed and all("<form" in plain[i].html for i in changed)
    assert sum(unlabelled_buttons(extra[i].html) for i in changed) >= \
        sum(unlabelled_buttons(plain[i].html) for i in changed) + len(changed)
    # the added buttons carry no label; the submit buttons still do
    assert all(extra[i].label_counts.get("submit", 0) >= 1 for i in changed)
    # 0 draws no randomness: the pages of runs made before the option existed
    assert all(generate_page(5, i, form_buttons=0.0).html == plain[i].html for i in changed[:5])
    with pytest.raises(ValueError, match="form_buttons"):
        generate_page(5, 0, form_buttons=1.5)


def test_pages_do_not_depend_on_the_process_string_hash():
    # string hashing is salted per process; a page drawing from a list Faker built from a set
    # (it_IT cities) differed from run to run before the list was sorted
    code = ("import hashlib; from pagelens.synth import generate_page; "
            "print(hashlib.sha1(generate_page(0, 33, split='train').html.encode()).hexdigest())")
    assert generate_page(0, 33, split="train").locale == "it_IT"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    digests = {subprocess.run([sys.executable, "-c", code], env={**env, "PYTHONHASHSEED": str(h)},
                              capture_output=True, text=True, check=True).stdout for h in (1, 2)}
    assert len(digests) == 1


def test_opt_in_family_only_when_named_and_its_forms_are_labelled():
    fam = FAMILIES["other_account_form"]
    assert fam.opt_in and fam.page_type == "other"
    assert "other_account_form" not in DEFAULT_SPLIT.families("train")
    assert "other_account_form" not in DEFAULT_SPLIT.families("all")
    assert "other_account_form" in DEFAULT_SPLIT.families("train", opt_in=True)
    pages = [generate_page(4, i, split="train", families=["other_account_form"]) for i in range(40)]
    assert {p.family for p in pages} == {"other_account_form"} and {p.page_type for p in pages} == {"other"}
    # every kind of form shows up; each page's own form has its fields and a submit button labelled
    kinds = Counter()
    for p in pages:
        counts = p.label_counts
        assert counts.get("submit", 0) >= 1 and not any(r in counts for r in SINGLETON_ROLES), (p.key, counts)
        if counts.get("current-password"):
            kinds["change"] += 1
            assert counts.get("new-password", 0) >= 1
        elif counts.get("new-password"):
            kinds["reset"] += 1
        elif counts.get("given-name") or counts.get("name") or counts.get("tel"):
            kinds["contact or newsletter"] += 1
        else:
            kinds["forgot or newsletter"] += 1
        assert "username" not in counts  # not a sign-in form
    assert len(kinds) == 4, kinds
    # the title says what the page is, from its heading
    assert all("<title>" in p.html for p in pages)
    # asking for a held-out family in training pages, or an unknown one, is refused
    with pytest.raises(ValueError, match="not in split"):
        generate_page(4, 0, split="train", families=["login_split"])
    with pytest.raises(ValueError, match="unknown layout family"):
        generate_page(4, 0, split="train", families=["other_nope"])


def test_login_and_register_pages_are_signup_with_both_forms_labelled():
    """A sign-in form beside a registration form is a signup page, as the Formasaurus gold has
    it; both forms keep their field labels and a submit button each."""
    assert FAMILIES["login_and_register"].opt_in
    assert "login_and_register" not in DEFAULT_SPLIT.families("train")
    pages = [generate_page(5, i, split="train", families=["login_and_register"]) for i in range(20)]
    assert {p.page_type for p in pages} == {"signup"}
    for p in pages:
        counts = p.label_counts
        assert counts.get("current-password") == 1 and counts.get("new-password", 0) >= 1, (p.key, counts)
        assert counts.get("submit", 0) >= 2 and not any(r in counts for r in SINGLETON_ROLES), (p.key, counts)
    # some pages have a heading above both halves, some have none
    headings = Counter("<h1" in p.html for p in pages)
    assert headings[True] and headings[False], headings


def test_variety_counts():
    assert len(FAMILIES) >= 30
    assert {f.page_type for f in FAMILIES.values()} == set(PAGE_TYPES)
    assert len(LANGS) >= 10 and {"ja", "ko", "zh"} <= set(LANGS)
    assert len(all_currencies()) >= 15
    assert len(ARCHETYPES) >= 10
    # every language has every string
    keys = set(STRINGS["en"])
    assert all(set(STRINGS[lang]) == keys for lang in LANGS)


def test_pages_use_many_families_languages_and_currencies():
    pages = [generate_page(0, i, split="all") for i in range(150)]
    assert len({p.family for p in pages}) >= 30
    assert len({p.lang for p in pages}) >= 10
    assert len({p.currency for p in pages}) >= 15
    assert {p.page_type for p in pages} == set(PAGE_TYPES)
    assert 0.15 < sum(p.viewport.is_mobile for p in pages) / len(pages) < 0.45
    # every page of a product family labels the product's core parts once
    for p in pages:
        if p.page_type == "product":
            for role in ("price", "product_title", "product_image", "add_to_cart"):
                assert p.label_counts.get(role) == 1, (p.key, p.family, role, p.label_counts)
        # singleton roles: at most once, and only on product pages (a listing has no main product)
        for role in SINGLETON_ROLES:
            assert p.label_counts.get(role, 0) <= (1 if p.page_type == "product" else 0), (p.key, p.family, role)
        assert all(label in ALL_LABELS for label in p.label_counts)


def test_split_keeps_heldout_designs_out_of_training():
    spec = DEFAULT_SPLIT
    train = [generate_page(1, i, split="train") for i in range(100)]
    held = [generate_page(1, i, split="heldout") for i in range(40)]
    assert not {p.family for p in train} & set(spec.heldout_families)
    assert not {p.archetype for p in train} & set(spec.heldout_archetypes)
    assert not {p.lang for p in train} & set(spec.heldout_langs)
    assert {p.family for p in held} <= set(spec.heldout_families)
    assert {p.archetype for p in held} <= set(spec.heldout_archetypes)
    assert {p.lang for p in held} & set(spec.heldout_langs)
    assert SPLITS == ("train", "heldout", "all")
    with pytest.raises(ValueError, match="unknown split"):
        generate_page(1, 0, split="test")


def test_generated_html_has_labels_only_on_the_label_attribute():
    for i in range(40):
        page = generate_page(3, i)
        # (inside a card iframe's script the attribute's quotes are escaped)
        stripped = re.sub(rf'\s{LABEL_ATTR}=\\?"[^"\\]*\\?"', "", page.html)
        # nothing else mentions the label attribute or a role identifier
        assert "data-pl" not in stripped
        for name in ROLE_IDENTIFIERS:
            assert name not in stripped, (page.key, name)


# -- rendered (one browser for the module) --

# The rendered sample: pages of seed SEED chosen so that it holds a product page with a web
# component, a checkout with card fields in an iframe, a phone layout, and login and signup forms.
SEED = 5


def _pick_sample() -> dict[str, int]:
    wanted = {
        "shadow": lambda p: p.page_type == "product" and "shadowrootmode" in p.html,
        "iframe": lambda p: "__privateFrame" in p.html and "cc-number" in p.label_counts,
        "phone": lambda p: p.viewport.is_mobile and p.page_type == "product",
        "login": lambda p: "current-password" in p.label_counts,
        "signup": lambda p: p.page_type == "signup",
    }
    found: dict[str, int] = {}
    for i in range(600):
        page = generate_page(SEED, i, split="all")
        for name, test in wanted.items():
            if name not in found and test(page):
                found[name] = i
        if len(found) == len(wanted):
            return found
    raise AssertionError(f"seed {SEED}: no {sorted(set(wanted) - set(found))} page among 600")


@pytest.fixture(scope="module")
def sample() -> dict[str, int]:
    return _pick_sample()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, sample):
    pytest.importorskip("playwright")
    from pagelens.synth.pipeline import synth_to_folders

    out = tmp_path_factory.mktemp("synth")
    run = synth_to_folders(out, 0, seed=SEED, workers=2, split="all", mobile_fraction=0.3, progress=False,
                           indices=sorted(set(sample.values())))
    if run.written == 0:
        pytest.skip(f"browser unavailable: {run.errors[:1]}")
    # every label written into the HTML came back from the capture (iframes and shadow roots too)
    assert run.mismatched == [] and run.failed == 0, (run.mismatched, run.errors)
    return out


def _folders(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if p.is_dir())


def test_captures_carry_no_trace_of_labels(rendered):
    for folder in _folders(rendered):
        html = (folder / "page.html").read_text(encoding="utf-8")
        page_json = (folder / "page.json").read_text(encoding="utf-8")
        for text in (html, page_json):
            assert LABEL_ATTR not in text and "data-pl" not in text, folder.name
            for name in ROLE_IDENTIFIERS:
                assert name not in text, (folder.name, name)
        # hyphenated field tokens may appear only as autocomplete values (set right or wrong, as real shops do)
        without_ac = re.sub(r'autocomplete="[^"]*"', "", html)
        for token in HYPHENATED_TOKENS:
            assert token not in without_ac, (folder.name, token)
        capture = PageCapture.load(folder, with_screenshot=False)
        labels = PageLabels.load(folder)
        for el in capture.elements:
            assert not any(k.startswith("data-pl") for k in el.attrs), (folder.name, el.id)
            label = labels.elements.get(el.id)
            if label is None:
                continue
            # no attribute except the ones real shops set says the label verbatim
            for k, v in el.attrs.items():
                if k not in ("autocomplete", "type", "name", "id", "class", "itemprop", "inputmode"):
                    assert v != label, (folder.name, el.id, k, v)


def test_labels_point_at_plausible_elements(rendered):
    seen: Counter = Counter()
    for folder in _folders(rendered):
        capture = PageCapture.load(folder, with_screenshot=False)
        labels = PageLabels.load(folder)
        assert labels.page_type in PAGE_TYPES
        visible = 0
        for eid, label in labels.elements.items():
            el = capture.element(eid)
            seen[label] += 1
            visible += el.visible
            if label in ("price", "old_price"):
                price = Price.fromstring(el.full_text)
                assert price.amount is not None and price.amount > 0, (folder.name, label, el.full_text)
            elif label in FIELD_TOKENS and label != "submit":
                assert el.tag in FIELD_TAGS, (folder.name, label, el.tag)
            elif label == "submit":
                assert el.tag in ("button", "input"), (folder.name, el.tag)
            elif label == "add_to_cart":
                assert el.tag in ("button", "input", "a") and (el.full_text or el.attr("value")), (folder.name, el.tag)
            elif label == "product_image":
                assert el.tag in ("img", "div") and el.box.area > 2000, (folder.name, el.tag, el.box)
            elif label == "product_title":
                assert len(el.full_text) >= 3, (folder.name, el.full_text)
        if labels.elements:
            assert visible / len(labels.elements) >= 0.9, folder.name
        if labels.page_type == "product":
            assert {"price", "product_title", "product_image", "add_to_cart"} <= set(labels.elements.values())
    assert seen["price"] >= 1 and seen["cart_link"] >= 2
    assert {"current-password", "email", "submit", "cc-number"} <= set(seen)


def test_labels_inside_shadow_roots_are_kept(rendered, sample):
    folder = rendered / f"{SEED}-{sample['shadow']}"
    capture = PageCapture.load(folder, with_screenshot=False)
    labels = PageLabels.load(folder)
    in_shadow = [lab for eid, lab in labels.elements.items() if "#shadow-root" in capture.element(eid).xpath]
    assert in_shadow, "no labelled element inside the web component"
    assert "shadowrootmode" not in capture.html and LABEL_ATTR not in capture.html


def test_card_fields_inside_iframes_are_labelled(rendered, sample):
    folder = rendered / f"{SEED}-{sample['iframe']}"
    capture = PageCapture.load(folder, with_screenshot=False)
    labels = PageLabels.load(folder)
    numbers = [eid for eid, lab in labels.elements.items() if lab == "cc-number"]
    assert len(numbers) == 1
    el = capture.element(numbers[0])
    assert el.tag == "input"
    # inside the frame: an iframe among its ancestors
    parents, cur = [], el.parent
    while cur >= 0:
        parents.append(capture.element(cur).tag)
        cur = capture.element(cur).parent
    assert "iframe" in parents
    # and the frame's source is not in the parent page's HTML
    assert "cc-number" not in re.sub(r'autocomplete="[^"]*"', "", capture.html)


def test_cli_end_to_end_and_resume(tmp_path):
    pytest.importorskip("playwright")
    from pagelens.cli import main

    out = tmp_path / "synth"
    rc = main(["synth", "--pages", "4", "--out", str(out), "--seed", "3", "--workers", "2", "--no-progress"])
    assert rc == 0
    folders = sorted(p for p in out.iterdir() if p.is_dir())
    assert [p.name for p in folders] == [f"3-{i}" for i in range(4)]
    for f in folders:
        for name in ("page.png", "page.json", "page.html", "labels.json"):
            assert (f / name).is_file(), (f, name)
        labels = json.loads((f / "labels.json").read_text())
        assert labels["page_type"] in PAGE_TYPES
    index = [json.loads(x) for x in (out / "index.jsonl").read_text().splitlines()]
    assert sorted(x["key"] for x in index) == [f"3-{i}" for i in range(4)]
    assert all(x["split"] == "train" for x in index)
    # a rerun with more pages captures only the missing one
    before = (folders[0] / "page.json").stat().st_mtime_ns
    assert main(["synth", "--pages", "5", "--out", str(out), "--seed", "3", "--no-progress"]) == 0
    assert (out / "3-4" / "labels.json").is_file()
    assert (folders[0] / "page.json").stat().st_mtime_ns == before
    assert len((out / "index.jsonl").read_text().splitlines()) == 5
    # only the named family; a held-out one asked for in training pages is refused before any work
    forms_out = tmp_path / "forms"
    assert main(["synth", "--pages", "1", "--out", str(forms_out), "--seed", "3",
                 "--families", "other_account_form", "--no-progress"]) == 0
    assert json.loads((forms_out / "3-0" / "labels.json").read_text())["page_type"] == "other"
    refused = tmp_path / "refused"
    assert main(["synth", "--pages", "1", "--out", str(refused), "--families", "login_split"]) == 2
    assert not refused.exists()


def test_a_page_that_fails_to_render_is_tried_again(tmp_path, monkeypatch):
    """Under load Chromium now and then cannot take a screenshot; the run tries such a page once
    more instead of quietly writing one page fewer (training sets must not depend on load)."""
    pytest.importorskip("playwright")
    import dataclasses

    from pagelens.synth import pipeline

    real = pipeline.render_pages
    calls = []

    def flaky(pages, workers=2, browser=None):
        calls.append([p.key for p in pages] if isinstance(pages, list) else None)
        for n, (page, result) in enumerate(real(pages, workers=workers, browser=browser)):
            if len(calls) == 1 and n == 0 and result.ok:
                result = dataclasses.replace(result, capture=None, error="screenshot failed")
            yield page, result

    monkeypatch.setattr(pipeline, "render_pages", flaky)
    run = pipeline.synth_to_folders(tmp_path, 2, seed=SEED, workers=1, progress=False)
    if run.written == 0:
        pytest.skip(f"browser unavailable: {run.errors[:1]}")
    assert len(calls) == 2 and len(calls[1]) == 1, calls  # the failed page, once more
    assert run.failed == 0 and run.written == 2
    assert all(pipeline.is_complete(tmp_path / f"{SEED}-{i}") for i in range(2))


def test_contact_sheet_draws_only_the_named_families(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from pagelens.synth import pipeline

    drawn = []

    def fake_render(pages, workers):
        for page in pages:
            drawn.append(page.family)
            yield page, SimpleNamespace(ok=False, error=f"{page.key}: not rendered in this test")

    monkeypatch.setattr(pipeline, "render_pages", fake_render)
    out = pipeline.contact_sheet(tmp_path / "sheet.png", n_pages=6, seed=3, columns=3,
                                 families=["login_and_register"])
    assert out.is_file() and drawn == ["login_and_register"] * 6
