/* Reader tools for the archive. No network, no libraries: works from file:// as well as a server.
 * - report pages: after each paragraph, a ¶ permalink, a "cite this paragraph" button and its source lines;
 *   a "copy citation" button; citations are filled from the templates the build wrote (data-gbt*): the
 *   published address (never the address bar: no ?h=…, no file://), 第N段, and today's access date;
 * - source pages: #L12 or #L12-L37 highlights those lines;
 * - report tables: sortable columns and year / region / type filters;
 * - glossary terms in report text: pinyin, gloss and a short definition on hover, keyboard focus or tap;
 * - report pages: a side-by-side mode showing each paragraph beside its source lines. */
(function () {
  "use strict";

  /* A citation template is a JSON list of text pieces and {"slot": name} places (build_scripts/site/cite.py). */
  function fill(template, values) {
    return JSON.parse(template).map(function (piece) {
      return typeof piece === "string" ? piece : values[piece.slot];
    }).join("");
  }

  /* The access date (引用日期) in GB/T 7714's form, YYYY-MM-DD, on the reader's calendar. */
  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function copy(text, box) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).catch(function () { copySelection(box); });
    } else {
      copySelection(box);
    }
  }

  function copySelection(box) {
    try { document.execCommand("copy"); } catch (error) { /* the text stays selected for the reader to copy */ }
    box.focus();
  }

  /* Show the copied citation in a box (selected, so it can be copied by hand too) and copy it. */
  function citeBox(parent, text, className) {
    var box = parent.querySelector("." + className);
    if (!box) {
      box = document.createElement("textarea");
      box.className = className;
      box.readOnly = true;
      box.rows = 3;
      box.setAttribute("aria-label", "引文 Citation");
      parent.appendChild(box);
    }
    box.value = text;
    box.hidden = false;
    box.focus();
    box.select();
    copy(text, box);
  }

  /* The GB/T 7714 tab shows 引用日期 where the access date goes: today's date replaces it, so the
     theme's copy button copies a complete citation too. */
  function fillAccessDate(cite) {
    var walker = document.createTreeWalker(cite, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      if (node.nodeValue.indexOf("[引用日期]") !== -1) node.nodeValue = node.nodeValue.split("[引用日期]").join("[" + today() + "]");
    }
  }

  // A control labelled in Chinese then English, the English marked lang="en" for screen readers.
  function bilingual(tag, className, chinese, english) {
    var element = document.createElement(tag);
    element.className = className;
    element.textContent = chinese + " ";
    var span = document.createElement("span");
    span.lang = "en";
    span.textContent = english;
    element.appendChild(span);
    return element;
  }

  function reportCopyButton(cite) {
    var button = bilingual("button", "cite-copy md-button", "复制引文", "Copy citation (GB/T 7714)");
    button.type = "button";
    button.addEventListener("click", function () {
      citeBox(cite, fill(cite.getAttribute("data-gbt"), {accessed: today()}), "cite-copy-box");
    });
    var address = cite.querySelector(".cite-address");
    cite.insertBefore(button, address ? address.nextSibling : cite.firstChild);
  }

  function paragraphTools() {
    var cite = document.querySelector(".cite-block");
    var sourceLink = document.querySelector("a.source-view-link");
    if (!cite) return;
    var paragraphTemplate = cite.getAttribute("data-gbt-paragraph");
    fillAccessDate(cite);
    document.querySelectorAll(".print-header").forEach(fillAccessDate);
    reportCopyButton(cite);
    var sourceBase = sourceLink ? sourceLink.getAttribute("href").split("#")[0] : null;
    document.querySelectorAll("article p.paragraph[id], article p.caption[id]").forEach(function (p) {
      var id = p.id;
      var tools = document.createElement("span");
      tools.className = "para-tools";
      var link = document.createElement("a");
      link.className = "para-link";
      link.href = "#" + id;
      link.title = "Permalink " + id;
      link.textContent = "¶" + id.slice(1);
      tools.appendChild(link);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "para-cite";
      button.title = "引用此段 Cite this paragraph";
      button.textContent = "引";
      button.addEventListener("click", function () {
        citeBox(p, fill(paragraphTemplate, {accessed: today(), paragraph: id.slice(1)}), "para-cite-box");
      });
      tools.appendChild(button);
      var lines = (p.getAttribute("data-lines") || "").split("-");
      if (sourceBase && lines.length === 2) {
        var source = document.createElement("a");
        source.className = "para-source";
        source.href = sourceBase + "#L" + lines[0] + "-L" + lines[1];
        source.title = "原文 Source lines " + lines[0] + "–" + lines[1];
        source.textContent = "L" + lines[0] + (lines[1] !== lines[0] ? "–" + lines[1] : "");
        tools.appendChild(source);
      }
      p.appendChild(tools);
    });
  }

  function highlightSourceLines() {
    if (!document.querySelector(".seed-text")) return;
    document.querySelectorAll(".seed-text .line.hl").forEach(function (line) { line.classList.remove("hl"); });
    var match = /^#L(\d+)(?:-L(\d+))?$/.exec(location.hash);
    if (!match) return;
    var first = +match[1], last = match[2] ? +match[2] : first;
    for (var n = first; n <= last; n++) {
      var line = document.getElementById("L" + n);
      if (line) line.classList.add("hl");
    }
    var start = document.getElementById("L" + first);
    if (start) start.scrollIntoView({block: "center"});
  }

  function sortable(table) {
    var body = table.tBodies[0];
    table.querySelectorAll("th[data-sort]").forEach(function (th, column) {
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[data-sort]").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = th.dataset.sort === "date" ? a.dataset.date : a.cells[column].textContent.trim();
          var y = th.dataset.sort === "date" ? b.dataset.date : b.cells[column].textContent.trim();
          return (ascending ? 1 : -1) * x.localeCompare(y, "zh-Hans-CN");
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
    });
  }

  function filterable(form, table) {
    form.hidden = false;
    var output = form.querySelector(".report-count");
    function apply() {
      var wanted = {};
      form.querySelectorAll("select[data-filter]").forEach(function (select) { wanted[select.dataset.filter] = select.value; });
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = (!wanted.year || row.dataset.year === wanted.year)
          && (!wanted.type || row.dataset.type === wanted.type)
          && (!wanted.region || row.dataset.regions.split("|").indexOf(wanted.region) !== -1);
        row.hidden = !ok;
        if (ok) shown++;
      });
      output.textContent = shown + " / " + table.tBodies[0].rows.length;
    }
    form.addEventListener("change", apply);
    apply();
  }

  function tables() {
    var form = document.querySelector(".report-filters");
    document.querySelectorAll("table.report-table").forEach(function (table) {
      sortable(table);
      if (form) filterable(form, table);
    });
  }

  /* Glossary terms: the tip (pinyin, gloss, short definition) shows on hover and keyboard focus; a tap shows
     it with a link to the entry and stays on the page, a second tap on the same term follows the link. */
  function glossaryTips() {
    var tip = null, owner = null, pointer = "mouse";
    function hide() {
      if (tip) tip.remove();
      if (owner) owner.removeAttribute("aria-describedby");
      tip = null;
      owner = null;
    }
    function show(term, tapped) {
      hide();
      tip = document.createElement("div");
      tip.className = "gloss-tip" + (tapped ? " is-tapped" : "");
      tip.id = "gloss-tip";
      tip.setAttribute("role", "tooltip");
      var gloss = document.createElement("span");
      gloss.lang = "en";
      gloss.textContent = term.getAttribute("data-gloss");
      tip.appendChild(gloss);
      if (tapped) {
        var entry = bilingual("a", "gloss-tip-entry", "查看词条", "Open the entry");
        entry.href = term.href;
        tip.appendChild(entry);
      }
      document.body.appendChild(tip);
      owner = term;
      term.setAttribute("aria-describedby", "gloss-tip");
      var box = term.getBoundingClientRect();
      var width = document.documentElement.clientWidth;
      var left = Math.min(window.scrollX + box.left, window.scrollX + width - tip.offsetWidth - 8);
      tip.style.left = Math.max(window.scrollX + 8, left) + "px";
      tip.style.top = (window.scrollY + box.bottom + 6) + "px";
    }
    document.addEventListener("pointerdown", function (event) {
      pointer = event.pointerType || "mouse";
      if (tip && owner && !owner.contains(event.target) && !tip.contains(event.target)) hide();
    }, true);
    document.addEventListener("keydown", function (event) {
      pointer = "keyboard";
      if (event.key === "Escape") hide();
    });
    document.querySelectorAll("article a.glossary-term").forEach(function (term) {
      term.setAttribute("data-gloss", term.getAttribute("title") || "");
      term.removeAttribute("title");  // the custom tip replaces the browser's, which touch screens never show
      term.addEventListener("mouseenter", function () { if (pointer === "mouse") show(term, false); });
      term.addEventListener("mouseleave", function () { if (pointer === "mouse" && owner === term) hide(); });
      term.addEventListener("focus", function () { if (pointer === "keyboard") show(term, false); });
      term.addEventListener("blur", function () { if (pointer === "keyboard" && owner === term) hide(); });
      term.addEventListener("click", function (event) {
        if (pointer === "mouse" || pointer === "keyboard") return;  // the tip is already shown; follow the link
        if (owner === term && tip && tip.classList.contains("is-tapped")) return;  // second tap: follow it
        event.preventDefault();
        show(term, true);
      });
    });
  }

  /* Side by side: each paragraph beside its source lines, the raw text of the seed, for checking the edition.
     The lines are embedded in the page (script#source-lines), so this works offline too. */
  function sideBySide() {
    var data = document.getElementById("source-lines");
    var essentials = document.querySelector("article .report-essentials");
    var sourceLink = document.querySelector("a.source-view-link");
    if (!data || !essentials) return;
    var first = +data.getAttribute("data-first");
    var lines = JSON.parse(data.textContent);
    var sourceBase = sourceLink ? sourceLink.getAttribute("href").split("#")[0] : "";
    var built = false;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "side-by-side-toggle md-button";
    button.setAttribute("aria-pressed", "false");
    button.innerHTML = '对照原文 <span lang="en">Side by side with the source</span>';
    function sourceColumn(range) {
      var column = document.createElement("div");
      column.className = "sbs-source";
      column.lang = "zh";
      var label = document.createElement("a");
      label.className = "sbs-lines";
      label.href = sourceBase + "#L" + range[0] + "-L" + range[1];
      label.textContent = "原文第 " + range[0] + (range[1] !== range[0] ? "–" + range[1] : "") + " 行";
      column.appendChild(label);
      var pre = document.createElement("pre");
      for (var n = range[0]; n <= range[1]; n++) {
        var line = document.createElement("span");
        line.className = "sbs-line";
        var number = document.createElement("span");
        number.className = "sbs-ln";
        number.setAttribute("aria-hidden", "true");
        number.textContent = n;
        line.appendChild(number);
        line.appendChild(document.createTextNode(lines[n - first] === undefined ? "" : lines[n - first]));
        pre.appendChild(line);
      }
      column.appendChild(pre);
      return column;
    }
    function build() {
      document.querySelectorAll("article [data-lines]").forEach(function (block) {
        var range = block.getAttribute("data-lines").split("-").map(Number);
        if (range.length !== 2) return;
        var row = document.createElement("div");
        row.className = "sbs-row";
        block.parentNode.insertBefore(row, block);
        row.appendChild(block);
        row.appendChild(sourceColumn(range));
      });
      built = true;
    }
    button.addEventListener("click", function () {
      if (!built) build();
      var on = document.body.classList.toggle("side-by-side");
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    essentials.parentNode.insertBefore(button, essentials.nextSibling);
  }

  function init() {
    glossaryTips();
    sideBySide();
    paragraphTools();
    highlightSourceLines();
    tables();
    window.addEventListener("hashchange", highlightSourceLines);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
