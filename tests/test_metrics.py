"""Metrics against hand-computed values."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from pagelens.metrics import (
    CANONICAL_TOKENS, GoldPage, bootstrap, evaluate, field_counts, field_metrics, macro_f1_of_counts,
    nomination_hits,
    page_type_metrics, price_value_match, price_value_metrics, role_metrics, to_jsonable,
)
from pagelens.records import ElementLabel, PageLabels, Prediction


def gold(elements, site="a.com", page_type="login", **kw):
    kw.setdefault("tasks", ("fields", "roles", "price_value", "page_type"))
    return GoldPage(page_type=page_type, site=site, elements=elements, **kw)


def pred(fields=(), roles=(), rankings=None, page_type="login"):
    return Prediction(page_type=page_type, fields=tuple(ElementLabel(i, t, s) for i, t, s in fields),
                      roles=tuple(ElementLabel(i, t, s) for i, t, s in roles),
                      rankings=rankings or {})


def counts_of(c, token):
    return tuple(int(x) for x in c[CANONICAL_TOKENS.index(token)])


def test_field_counts_by_hand():
    g = gold({1: "email", 2: "current-password", 3: "none", 4: "submit"})
    # 1 right, 2 wrong (called new-password), 3 wrongly called tel, 4 missed,
    # 9 unlabelled but called email: a false positive on a fully labelled page.
    p = pred(fields=[(1, "email", .9), (2, "new-password", .9), (3, "tel", .5), (9, "email", .4)])
    c = field_counts(g, p)
    assert counts_of(c, "email") == (1, 1, 0)
    assert counts_of(c, "current-password") == (0, 0, 1)
    assert counts_of(c, "new-password") == (0, 1, 0)
    assert counts_of(c, "tel") == (0, 1, 0)
    assert counts_of(c, "submit") == (0, 0, 1)
    assert c.sum() == 6


def test_field_scope_labelled_ignores_unlabelled_predictions():
    g = gold({1: "email"}, fields_scope="labelled")
    c = field_counts(g, pred(fields=[(1, "email", .9), (9, "email", .9)]))
    assert counts_of(c, "email") == (1, 0, 0)


def test_street_address_equals_address_line1_and_alternatives_count():
    g = gold({1: "street-address", 2: "username"}, alternatives={2: ("email",)})
    c = field_counts(g, pred(fields=[(1, "address-line1", .9), (2, "email", .9)]))
    assert counts_of(c, "address-line1") == (1, 0, 0)
    assert counts_of(c, "email") == (1, 0, 0)
    assert counts_of(c, "username") == (0, 0, 0)
    # A wrong prediction on an element with alternatives is charged to the primary token.
    c = field_counts(g, pred(fields=[(2, "tel", .9)]))
    assert counts_of(c, "username") == (0, 0, 1)
    assert counts_of(c, "tel") == (0, 1, 0)


def test_product_roles_are_not_scored_as_fields():
    g = gold({5: "add_to_cart", 1: "email"})
    c = field_counts(g, pred(fields=[(5, "submit", .9)]))
    assert c.sum() == 1 and counts_of(c, "email") == (0, 0, 1)


def test_field_metrics_per_token_and_macro():
    # email: tp 2, fp 1, fn 0 -> P 2/3, R 1, F1 0.8; tel: tp 0, fn 1 -> F1 0.
    g1 = gold({1: "email", 2: "tel"}, site="a.com")
    g2 = gold({1: "email"}, site="b.com")
    p1 = pred(fields=[(1, "email", .9), (3, "email", .9)])
    p2 = pred(fields=[(1, "email", .9)])
    m = field_metrics([g1, g2], [p1, p2], n_boot=200)
    email = m["per_token"]["email"]
    assert email["precision"].value == pytest.approx(2 / 3)
    assert email["recall"].value == pytest.approx(1.0)
    assert email["f1"].value == pytest.approx(0.8)
    assert m["per_token"]["tel"]["f1"].value == pytest.approx(0.0)
    assert m["macro_f1"].value == pytest.approx(0.4)
    # micro: tp 2, fp 1, fn 1 -> 4 / 6
    assert m["micro_f1"].value == pytest.approx(2 / 3)
    assert m["macro_f1"].lo <= m["macro_f1"].value <= m["macro_f1"].hi


def test_macro_f1_of_counts_pools_halves_as_field_metrics_would():
    # Two halves scored apart, then pooled by summed counts: the same macro-F1 as scoring all
    # four pages at once (email tp 2 fp 1 fn 0 -> 0.8, tel tp 0 fn 1 -> 0; 'name' only predicted
    # (no gold) is left out).
    halves = [([gold({1: "email", 2: "tel"}, site="a.com"), gold({1: "email"}, site="b.com")],
               [pred(fields=[(1, "email", .9), (3, "email", .9)]), pred(fields=[(1, "email", .9)])]),
              ([gold({5: "none"}, site="c.com")], [pred(fields=[(5, "name", .9)])])]
    summed: dict[str, list[int]] = {}
    for golds, preds in halves:
        for tok, c in field_metrics(golds, preds, n_boot=10)["per_token"].items():
            acc = summed.setdefault(tok, [0, 0, 0])
            for i, key in enumerate(("tp", "fp", "fn")):
                acc[i] += c[key]
    assert summed["name"] == [0, 1, 0]
    assert macro_f1_of_counts(summed) == pytest.approx(0.4)
    everything = field_metrics(halves[0][0] + halves[1][0], halves[0][1] + halves[1][1], n_boot=10)
    assert macro_f1_of_counts(summed) == pytest.approx(everything["macro_f1"].value)
    assert math.isnan(macro_f1_of_counts({"name": (0, 3, 0)}))


def test_nomination_top1_top3():
    g = gold({7: "price", 8: "product_title"}, page_type="product")
    p = pred(rankings={"price": ((3, .9), (7, .8), (1, .1)), "product_title": ((8, .9),)})
    assert nomination_hits(g, p, "price", 1) == 0
    assert nomination_hits(g, p, "price", 3) == 1
    assert nomination_hits(g, p, "product_title", 1) == 1
    assert nomination_hits(g, p, "product_image", 1) is None  # no gold image: not counted
    # Without a ranking, the chosen role element is the only candidate.
    assert nomination_hits(g, pred(roles=[(7, "price", .6)]), "price", 1) == 1
    m = role_metrics([g, g], [p, pred()], n_boot=100)
    assert m["price"]["top1"].value == 0.0
    assert m["price"]["top3"].value == 0.5
    assert m["product_title"]["top1"].value == 0.5
    assert "product_image" not in m


def test_price_value_zyte_rule():
    assert price_value_match(["$1,299.00"], "1299 USD")
    assert price_value_match(["13.74"], "Now 13,74 €")
    assert not price_value_match(["13.74"], "13.75")
    assert not price_value_match(["13.74"], None)
    gs = [gold({}, site=s, price_values=v, page_type="product")
          for s, v in (("a", ("10.00",)), ("b", ("20",)), ("c", ("5",)), ("d", ()))]
    # a right, b wrong, c no prediction, d predicted without gold -> tp 1, pred 3, gold 3
    m = price_value_metrics(gs, ["$10", "21", None, "7.00"], n_boot=100)
    assert m["precision"].value == pytest.approx(1 / 3)
    assert m["recall"].value == pytest.approx(1 / 3)
    assert m["f1"].value == pytest.approx(1 / 3)


def test_page_type_accuracy_and_confusion():
    gs = [gold({}, page_type="login", site="a"), gold({}, page_type="login", site="b"),
          gold({}, page_type="product", site="c")]
    ps = [pred(page_type="login"), pred(page_type="signup"), pred(page_type="product")]
    m = page_type_metrics(gs, ps, n_boot=100)
    assert m["accuracy"].value == pytest.approx(2 / 3)
    assert m["confusion"] == {"login": {"login": 1, "signup": 1}, "product": {"product": 1}}


def test_bootstrap_resamples_sites_not_pages():
    # Two sites: one with 9 right pages, one with 1 wrong page. Page-level accuracy 0.9; a site
    # resample draws either site twice in a quarter of the draws each -> values 1.0 and 0.0 occur.
    per_site = np.array([[9.0, 9.0], [0.0, 1.0]])
    value, lo, hi = bootstrap(per_site, lambda c: c[..., 0] / c[..., 1], n_boot=2000, seed=1)
    assert value == pytest.approx(0.9)
    assert lo == pytest.approx(0.0) and hi == pytest.approx(1.0)
    # One site only: no spread.
    value, lo, hi = bootstrap(per_site[:1], lambda c: c[..., 0] / c[..., 1], n_boot=100)
    assert value == lo == hi == 1.0
    assert all(math.isnan(x) for x in bootstrap(np.zeros((0, 2)), lambda c: c[..., 0]))


def test_evaluate_respects_tasks_and_serialises():
    g_form = gold({1: "email"}, tasks=("fields", "page_type"), site="a")
    g_type = gold({}, page_type="other", tasks=("page_type",), site="b")
    out = evaluate([g_form, g_type], [pred(fields=[(1, "email", 1.0)], page_type="signup"),
                                      pred(page_type="other")],
                   n_boot=50)
    assert out["fields"]["macro_f1"].value == 1.0
    assert out["roles"] == {} and out["price_value"] == {}
    assert out["page_type"]["accuracy"].value == 0.5
    json.dumps(to_jsonable(out))
    with pytest.raises(ValueError, match="2 gold pages but 1"):
        evaluate([g_form, g_type], [pred()])


def test_gold_page_round_trip_and_plain_labels(tmp_path):
    g = gold({1: "username", 2: "none"}, alternatives={1: ("email",)}, ignore=frozenset({5}),
             fields_scope="labelled", price_values=("9.99",))
    g.save(tmp_path)
    assert GoldPage.load(tmp_path) == g
    # The file is also a valid PageLabels file.
    assert PageLabels.load(tmp_path).elements == {1: "username", 2: "none"}
    # A synthetic page's plain labels.json reads with defaults: site from the folder name.
    plain = tmp_path / "shop-0001"
    plain.mkdir()
    PageLabels("product", {3: "price", 4: "email"}).save(plain)
    g2 = GoldPage.load(plain)
    assert g2.site == "shop-0001" and set(g2.tasks) == {"roles", "fields", "page_type"}
    with pytest.raises(ValueError, match="unknown label"):
        GoldPage(page_type="login", site="x", elements={1: "bogus"})
    with pytest.raises(ValueError, match="site"):
        GoldPage(page_type="login", site="")
