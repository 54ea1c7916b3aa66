/* Reader tools for the archive. No network, no libraries: works from file:// as well as a server.
 * - report pages: after each paragraph, a ¶ permalink, a "cite this paragraph" button and its source lines;
 *   a "copy citation" button; citations are filled from the templates the build wrote (data-gbt*): the
 *   published address (never the address bar: no ?h=…, no file://), 第N段, and today's access date;
 * - source pages: #L12 or #L12-L37 highlights those lines;
 * - report tables: sortable columns and year / region / type filters;
 * - glossary terms in report text: pinyin, gloss and definition on hover or keyboard focus. */
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

  function reportCopyButton(cite) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy md-button";
    button.textContent = "复制引文 ";
    var english = document.createElement("span");
    english.lang = "en";
    english.textContent = "Copy citation (GB/T 7714)";
    button.appendChild(english);
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

  function glossaryTips() {
    var tip = null;
    function hide() { if (tip) { tip.remove(); tip = null; } }
    document.querySelectorAll("article a.glossary-term").forEach(function (term) {
      var text = term.getAttribute("title") || "";
      term.setAttribute("data-gloss", text);
      term.removeAttribute("title");  // the custom tip replaces the browser's, which touch screens never show
      term.setAttribute("aria-label", term.textContent + " — " + text);
      function show() {
        hide();
        tip = document.createElement("span");
        tip.className = "gloss-tip";
        tip.setAttribute("role", "tooltip");
        tip.textContent = text;
        document.body.appendChild(tip);
        var box = term.getBoundingClientRect();
        var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
        tip.style.left = Math.max(8, left) + "px";
        tip.style.top = (window.scrollY + box.bottom + 6) + "px";
      }
      term.addEventListener("mouseenter", show);
      term.addEventListener("focus", show);
      term.addEventListener("mouseleave", hide);
      term.addEventListener("blur", hide);
    });
  }

  function init() {
    glossaryTips();
    paragraphTools();
    highlightSourceLines();
    tables();
    window.addEventListener("hashchange", highlightSourceLines);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
