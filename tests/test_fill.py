"""Filling a form from a profile: values derived and written the way each field asks, honeypots
and hidden fields left alone, and the values typed into the real page in Chromium."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pagelens import Parser, ParserConfig
from pagelens.fill import Profile, ProfileError, mask
from pagelens.records import ElementLabel, Prediction
from pagelens.vocab import FIELD_TOKENS, PAGE_TYPES

ROOT = Path(__file__).resolve().parents[1]
CHECKOUT = ROOT / "assets" / "samples" / "checkout-shipping-payment.html"

PROFILE = {"given-name": "Ada", "family-name": "Lovelace", "email": "ada@example.org",
           "tel": "+49 30 1234567", "street-address": "12 Analytical Way\nSuite 3",
           "address-level2": "Berlin", "address-level1": "BE", "postal-code": "10115",
           "country": "DE",
           "cc-number": "4242 4242 4242 4242", "cc-exp": "7/2029", "cc-csc": "123",
           "bday": "1990-12-10", "cc-name": "Ada Lovelace"}


class NamePredictor:
    """Labels each form control whose ``name`` attribute is a field token with that token."""

    name = "by-name"

    def predict(self, captures):
        out = []
        for cap in captures:
            fields = tuple(ElementLabel(e.id, e.attrs["name"], 0.9) for e in cap.elements
                           if e.tag in ("input", "select", "button")
                           and e.attrs.get("name") in FIELD_TOKENS)
            out.append(Prediction("checkout", {t: float(t == "checkout") for t in PAGE_TYPES},
                                  fields=fields))
        return out


def test_a_profile_derives_what_it_says_another_way(tmp_path) -> None:
    p = Profile.from_dict(PROFILE)
    assert p.value("name") == "Ada Lovelace"
    assert (p.value("address-line1"), p.value("address-line2")) == ("12 Analytical Way", "Suite 3")
    assert (p.value("cc-exp-month"), p.value("cc-exp-year"), p.value("cc-exp")) == ("7", "2029", "07/29")
    assert (p.value("bday-day"), p.value("bday-month"), p.value("bday-year")) == ("10", "12", "1990")
    assert p.value("username") == "ada@example.org"
    assert p.value("new-password") is None, "a password is never made up"
    one = Profile.from_dict({"name": "Grace Brewster Hopper", "address-line1": "1 Navy Yard",
                             "cc-exp-month": 3, "cc-exp-year": 31})
    assert (one.value("given-name"), one.value("family-name")) == ("Grace", "Hopper")
    assert one.value("street-address") == "1 Navy Yard"
    assert one.expiry() == (3, 2031)

    bad = tmp_path / "me.json"
    for data, words in [({"shoe-size": "9"}, "'shoe-size'"), ({"one-time-code": "1"}, "never filled"),
                        ({"cc-exp": "2029-07"}, "MM/YY"), ({"bday": "10.12.1990"}, "YYYY-MM-DD"),
                        ({"country": "Atlantis"}, "'country'"), ({"email": ["a"]}, "string")]:
        bad.write_text(json.dumps(data))
        with pytest.raises(ProfileError, match=str(bad)) as err:
            Profile.load(bad)
        assert words in str(err.value)
    bad.write_text("{nope")
    with pytest.raises(ProfileError, match="not JSON"):
        Profile.load(bad)
    assert mask("4242 4242 4242 4242", "cc-number") == "•••• 4242"
    assert mask("hunter2hunter2", "current-password") == "•" * 8


FORM = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<form action="#sent" style="width:600px">
 <label>Vorname <input name="given-name"></label><br>
 <label>E-Mail <input name="email" type="email"></label><br>
 <label>Gültig bis <input name="cc-exp" placeholder="MM/JJJJ"></label><br>
 <label>Monat <select name="cc-exp-month"><option value="">Monat</option>
   <option value="m6">Juni</option><option value="m7">Juli</option></select></label>
 <label>Jahr <input name="cc-exp-year" maxlength="2"></label><br>
 <label>Land <select name="country"><option value="fr">Frankreich</option>
   <option value="de-x">Deutschland</option></select></label><br>
 <label>Bundesland <select name="address-level1"><option value="">-</option>
   <option value="1">Bayern</option><option value="2">Berlin</option></select></label><br>
 <label>Telefon <input name="tel" maxlength="11"></label><br>
 <label>Geburtstag <input name="bday" placeholder="TT.MM.JJJJ"></label><br>
 <div class="honeypot-textfield"><input name="family-name"></div>
 <div class="gform_validation_container"><input name="address-line1"></div>
 <input name="postal-code" style="position:absolute;left:-5000px">
 <input name="address-level2" disabled>
 <label>Code <input name="one-time-code"></label>
 <label>Neues Passwort <input name="new-password" type="password"></label>
 <iframe srcdoc="<input name='cc-name'>" style="width:400px;height:60px"></iframe>
 <button type="submit" name="submit">Weiter</button>
</form></body></html>"""


def test_values_go_in_the_way_each_field_asks_and_honeypots_stay_empty(browser, tmp_path) -> None:
    page = tmp_path / "form.html"
    page.write_text(FORM, encoding="utf-8")
    with Parser(NamePredictor(), ParserConfig(), browser=browser) as parser:
        report = parser.fill(str(page), Profile.from_dict(PROFILE))
    got = {s.autocomplete: s for s in report.plan.steps}
    now = {s.autocomplete: o.now for s, o in zip(report.plan.steps, report.outcomes)}
    assert all(o.ok for o in report.outcomes), report.outcomes
    assert now == {"given-name": "Ada", "email": "ada@example.org",
                   "cc-exp": "07/2029",  # four year digits asked for (JJJJ)
                   "cc-exp-month": "m7",  # the option named Juli, the page being German
                   "cc-exp-year": "29", "country": "de-x",  # Deutschland for DE
                   "address-level1": "2",  # Berlin for BE (ISO 3166-2: DE-BE)
                   "tel": "030 1234567",  # as dialled in Germany: +49 30 1234567 is too long
                   "bday": "10.12.1990",  # day first, as TT.MM.JJJJ asks
                   "cc-name": "Ada Lovelace"}  # in a frame of the page
    assert got["country"].action == "select" and got["country"].value == "Deutschland"
    skipped = {s.autocomplete: s.reason for s in report.plan.skipped}
    assert "honeypot" in skipped["family-name"] and "honeypot" in skipped["address-line1"]
    assert "outside the page" in skipped["postal-code"]
    assert "disabled" in skipped["address-level2"]
    assert "one-time code" in skipped["one-time-code"]
    assert skipped["new-password"] == "the profile has no new-password"
    assert len(report.plan.submit) == 1, "the submit button is listed (never pressed)"
    shot = np.asarray(Image.open(io.BytesIO(report.screenshot_png)).convert("L"))
    box = [round(v) for v in got["given-name"].box]
    before = report.result.capture.screenshot()[box[1]:box[3], box[0]:box[2]].mean(axis=2)
    assert np.abs(shot[box[1]:box[3], box[0]:box[2]].astype(float) - before).max() > 60, \
        "the filled page shows the typed name"


def test_fill_command_fills_the_sample_checkout_with_the_shipped_model(tmp_path) -> None:
    from pagelens.cli import main

    profile = tmp_path / "me.json"
    profile.write_text(json.dumps(PROFILE | {"country": "US", "address-level1": "CA"}))
    out, png = tmp_path / "report.json", tmp_path / "filled.png"
    assert main(["fill", str(CHECKOUT), "--profile", str(profile), "--out", str(out),
                 "--screenshot", str(png)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    now = {s["autocomplete"]: s["now"] for s in report["steps"] if s["ok"]}
    assert report["page_type"] == "checkout"
    assert now["email"] == "ada@example.org" and now["given-name"] == "Ada"
    assert now["cc-number"] == "•••• 4242" and now["cc-csc"] == "•" * 8, "secrets masked"
    assert now["country"] == "United States" and now["address-level1"] == "CA"
    assert now["cc-exp"] == "07 / 29", "written as the placeholder MM / YY shows"
    assert len(now) >= 12 and report["submit"], report
    assert Image.open(png).size[0] == 1280
    assert main(["fill", str(CHECKOUT), "--profile", str(tmp_path / "none.json")]) == 2


def test_a_country_may_be_an_option_holding_its_name() -> None:
    from pagelens.fill import choose_option
    from pagelens.records import Box, Element, PageCapture, Viewport

    texts = ["Select", "United States Minor Outlying Islands", "United States of America", "Canada"]
    select = Element(id=0, parent=-1, tag="select", xpath="/select[1]", box=Box(0, 0, 200, 30))
    els = (select,) + tuple(
        Element(id=i + 1, parent=0, tag="option", xpath=f"/select[1]/option[{i + 1}]",
                box=Box(0, 0, 0, 0), text=t, full_text=t, attrs={"value": str(i)})
        for i, t in enumerate(texts))
    cap = PageCapture(source="fake/select", final_url="", title="", viewport=Viewport.desktop(),
                      page_width=1280, page_height=800, elements=els)
    assert choose_option(cap, els[0], "country", "US") == ("2", "United States of America")
    assert choose_option(cap, els[0], "country", "USA") == ("2", "United States of America")
    assert choose_option(cap, els[0], "country", "CA") == ("3", "Canada")
    assert choose_option(cap, els[0], "country", "DE") is None


def test_a_phone_number_in_three_boxes_is_split_by_their_lengths() -> None:
    from pagelens.api import build_result
    from pagelens.fill import plan_fill
    from pagelens.records import Box, Element, PageCapture, Viewport

    els = [Element(id=0, parent=-1, tag="form", xpath="/form[1]", box=Box(0, 0, 600, 100))]
    els += [Element(id=i + 1, parent=0, tag="input", xpath=f"/form[1]/input[{i + 1}]",
                    box=Box(100 * i, 0, 100 * i + 80, 30), attrs={"maxlength": str(n)})
            for i, n in enumerate((3, 3, 4))]
    cap = PageCapture(source="fake/tel", final_url="", title="", viewport=Viewport.desktop(),
                      page_width=1280, page_height=800, elements=tuple(els))
    pred = Prediction("checkout", fields=tuple(ElementLabel(i, "tel", 0.9) for i in (1, 2, 3)))
    us = Profile.from_dict({"tel": "+1 415 555 0100"})
    assert [s.value for s in plan_fill(build_result(cap, pred), us).steps] == ["415", "555", "0100"]
    uk = Profile.from_dict({"tel": "+44 20 7946 0958"})  # 11 digits as dialled: no split
    assert [s.value for s in plan_fill(build_result(cap, pred), uk).steps] == []
