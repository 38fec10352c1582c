// Walk the rendered page and describe every element: xpath, page-level box, text, attributes,
// computed style and flags. Runs inside the page; returns plain JSON.
//
// Order (element ids): pre-order document order. For a shadow host, its open shadow tree comes
// before its light-DOM children; a same-origin iframe's document follows the iframe element.
// Boxes are CSS pixels of the top-level page, origin at the document's top-left corner.
(args) => {
  const KEPT = new Set(args.kept);
  const PREFIXES = args.prefixes;
  const LABEL_ATTRS = args.labelAttributes;
  const SKIP = new Set(["script", "style", "noscript", "template", "head", "meta", "link", "title", "base"]);
  const INTERACTIVE_TAGS = new Set(["a", "button", "input", "select", "textarea", "summary", "option", "label"]);
  const INTERACTIVE_ROLES = new Set(["button", "link", "checkbox", "radio", "tab", "menuitem", "option",
                                     "switch", "textbox", "combobox", "searchbox", "slider", "spinbutton"]);
  const MAX_TEXT = 1000;
  const vw = window.innerWidth, vh = window.innerHeight;
  const scrollX = window.scrollX, scrollY = window.scrollY;
  const out = [];
  const labels = {};
  const labelled = [];  // elements whose label attributes must be removed afterwards
  const warnings = [];

  const norm = (s) => (s || "").replace(/\s+/g, " ").trim();

  function ownText(el) {
    let t = "";
    for (const n of el.childNodes) if (n.nodeType === 3) t += n.nodeValue + " ";
    return norm(t).slice(0, MAX_TEXT);
  }

  function stepIndex(el) {
    // 1-based index among siblings with the same tag name (shadow-root and document children too).
    const tag = el.localName;
    let i = 1;
    for (let s = el.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === tag) i++;
    return i;
  }

  // A child's text joins its parent's without a space when the child is inline (display:
  // inline*, e.g. "183<sup>,49</sup>" reads "183,49"), with one when it is a block.
  function childText(rec) {
    if (rec && rec.tag === "br") return " ";
    if (!rec || !rec.full_text) return "";
    return rec.style.display.startsWith("inline") ? rec.full_text : " " + rec.full_text + " ";
  }

  // Returns the element's record (null for skipped tags); its full_text is set on return.
  function visit(el, parentId, parentXpath, offX, offY, win) {
    const tag = (el.localName || "").toLowerCase();
    if (SKIP.has(tag)) return null;
    const id = out.length;
    const xpath = parentXpath + "/" + tag + "[" + stepIndex(el) + "]";
    const cs = win.getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const x0 = r.left + offX + scrollX, y0 = r.top + offY + scrollY;
    const box = [x0, y0, x0 + Math.max(0, r.width), y0 + Math.max(0, r.height)];
    const attrs = {};
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (LABEL_ATTRS.includes(name)) continue;
      if (KEPT.has(name) || PREFIXES.some((p) => name.startsWith(p))) attrs[name] = a.value.slice(0, 500);
    }
    if ((tag === "input" || tag === "textarea" || tag === "select") && el.value !== undefined && !("value" in attrs)) {
      if (tag !== "input" || !["password", "hidden"].includes((el.type || "").toLowerCase())) {
        if (el.value) attrs["value"] = String(el.value).slice(0, 500);
      }
    }
    let lab = null;
    for (const la of LABEL_ATTRS) {
      if (el.hasAttribute(la)) { lab = lab || {}; lab[la] = el.getAttribute(la); }
    }
    if (lab) { labels[id] = lab; labelled.push(el); }
    const opacity = parseFloat(cs.opacity);
    const visible = r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && cs.display !== "none" && opacity > 0.01
      && box[2] > 0 && box[3] > 0;
    const role = (el.getAttribute("role") || "").toLowerCase();
    const interactive = (INTERACTIVE_TAGS.has(tag) && !(tag === "a" && !el.hasAttribute("href")) && !(tag === "input" && el.type === "hidden"))
      || INTERACTIVE_ROLES.has(role) || el.hasAttribute("onclick") || cs.cursor === "pointer"
      || (el.hasAttribute("tabindex") && el.tabIndex >= 0) || el.isContentEditable;
    const rec = {
      id, parent: parentId, tag, xpath, box, text: visible ? ownText(el) : "", full_text: "",
      attrs,
      style: {
        font_size: parseFloat(cs.fontSize) || 0, font_weight: parseInt(cs.fontWeight) || 400,
        font_family: cs.fontFamily.slice(0, 120), color: cs.color, background_color: cs.backgroundColor,
        text_decoration: cs.textDecorationLine || cs.textDecoration || "none", display: cs.display,
        visibility: cs.visibility, opacity: isNaN(opacity) ? 1 : opacity, cursor: cs.cursor,
      },
      visible,
      in_first_viewport: visible && box[0] < vw && box[1] < vh && box[2] > 0 && box[3] > 0,
      interactive: !!interactive,
    };
    out.push(rec);
    const parts = [];
    if (el.shadowRoot) {
      for (const c of el.shadowRoot.children) parts.push(childText(visit(c, id, xpath + "/#shadow-root", offX, offY, win)));
    }
    if (tag === "iframe" || tag === "frame") {
      let doc = null;
      try { doc = el.contentDocument; } catch (e) { doc = null; }
      if (doc && doc.documentElement) {
        // The iframe's content box origin, in the coordinates of the current document.
        const cx = r.left + offX + el.clientLeft + (parseFloat(cs.paddingLeft) || 0);
        const cy = r.top + offY + el.clientTop + (parseFloat(cs.paddingTop) || 0);
        // Inside the frame, getBoundingClientRect is relative to the frame's own viewport, whose
        // origin is that content box; visit() adds the top window's scroll.
        const fwin = doc.defaultView;
        const fx = cx, fy = cy;
        parts.push(" ", childText(visit(doc.documentElement, id, xpath, fx, fy, fwin || win)));
      } else if (el.src && !el.src.startsWith("about:")) {
        warnings.push("cross-origin iframe not captured: " + el.src.slice(0, 200));
      }
    } else if (tag === "select") {
      // A select shows its chosen option, not every option.
      const opt = el.selectedOptions && el.selectedOptions[0];
      if (opt) parts.push(" ", norm(opt.textContent));
      for (const c of el.children) visit(c, id, xpath, offX, offY, win);
    } else {
      // Text nodes and children in document order.
      for (const n of el.childNodes) {
        if (n.nodeType === 3) parts.push(n.nodeValue);
        else if (n.nodeType === 1) parts.push(childText(visit(n, id, xpath, offX, offY, win)));
      }
    }
    if (tag === "input" && visible) {
      const type = (el.type || "").toLowerCase();
      if (["submit", "button", "reset"].includes(type) && el.value) parts.push(" ", el.value);
    }
    rec.full_text = visible ? norm(parts.join("")).slice(0, MAX_TEXT) : "";
    if (tag === "option") {
      // A closed drop-down draws none of its options, yet its list says what the field asks for
      // (countries, months, years) and what a filler may choose: an option keeps its label.
      rec.text = rec.full_text = norm(el.label || el.textContent).slice(0, MAX_TEXT);
    }
    return rec;
  }

  visit(document.documentElement, -1, "", 0, 0, window);
  for (const el of labelled) for (const la of LABEL_ATTRS) el.removeAttribute(la);
  const de = document.documentElement, body = document.body;
  const pageWidth = Math.max(de.scrollWidth, body ? body.scrollWidth : 0, vw);
  const pageHeight = Math.max(de.scrollHeight, body ? body.scrollHeight : 0, vh);
  return { elements: out, labels, warnings, pageWidth, pageHeight, title: document.title || "" };
}
