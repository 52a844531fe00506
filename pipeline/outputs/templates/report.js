(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var words = JSON.parse(document.getElementById("report-texts").textContent);
  var grants = data.grants;
  var SVG = "http://www.w3.org/2000/svg";
  var $ = function (id) { return document.getElementById(id); };
  var controls = ["filter-year", "filter-programme", "filter-role", "filter-body-type", "filter-confidence",
                  "include-uncertain", "search"];

  function kronor(v) {
    var a = Math.abs(v), sign = v < 0 ? "\u2212" : "";
    if (a >= 1e9) { return sign + (a / 1e9).toFixed(1).replace(".", ",") + " mdkr"; }
    if (a >= 1e6) { return sign + (a / 1e6).toFixed(1).replace(".", ",") + " mkr"; }
    return sign + Math.round(a).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0") + " kr";
  }

  function choice() {
    return {
      year: $("filter-year").value, programme: $("filter-programme").value, role: $("filter-role").value,
      bodyType: $("filter-body-type").value, minConfidence: parseFloat($("filter-confidence").value) || 0,
      uncertain: $("include-uncertain").checked,
      words: $("search").value.toLowerCase().split(/\s+/).filter(Boolean)
    };
  }

  // what the filters (not the role) let through: the budget list follows these too
  function passes(g, c) {
    if (c.programme === "none" ? g.programme !== null : (c.programme && g.programme !== c.programme)) { return false; }
    if (c.bodyType && g.body_type !== c.bodyType) { return false; }
    if (g.confidence < c.minConfidence) { return false; }
    if (c.year === "none") { return g.year_from === null; }
    if (c.year) { var y = parseInt(c.year, 10); return g.year_from !== null && g.year_from <= y && y <= g.year_to; }
    return true;
  }

  function summed(g, c) { return g.role !== "budget" && (c.uncertain || !g.uncertain); }

  function add(sums, key, value) { sums[key] = (sums[key] || 0) + value; }

  function node(name, attrs, text) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  function bars(id, items, colour) {
    var svg = $(id), rowH = 22, labelW = 260, barW = 360;
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    if (!items.length) { items = []; }
    var height = Math.max(rowH, rowH * items.length) + 10;
    svg.setAttribute("viewBox", "0 0 " + (labelW + barW + 110) + " " + height);
    if (!items.length) {
      svg.appendChild(node("text", {x: 10, y: 20, "class": "empty"},
        $("filter-role").value === "budget" ? words.budgetNotSummed : words.noAmounts));
      return;
    }
    var top = Math.max.apply(null, items.map(function (kv) { return kv[1]; })) || 1;
    items.forEach(function (kv, k) {
      var y = 5 + k * rowH, w = Math.max(1, barW * kv[1] / top);
      svg.appendChild(node("text", {x: labelW - 6, y: y + 15, "text-anchor": "end"}, kv[0].slice(0, 40)));
      var rect = node("rect", {x: labelW, y: y + 3, width: w.toFixed(1), height: rowH - 6, fill: colour});
      rect.appendChild(node("title", {}, kv[0] + ": " + kronor(kv[1])));
      svg.appendChild(rect);
      svg.appendChild(node("text", {x: (labelW + w + 6).toFixed(1), y: y + 15}, kronor(kv[1])));
    });
  }

  function ranked(sums, n) {
    return Object.keys(sums).map(function (k) { return [k, sums[k]]; })
      .sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }).slice(0, n);
  }

  // upper bounds of classes with about as many areas in each; the lowest class starts at the smallest sum
  function classes(values) {
    var v = values.filter(function (x) { return x > 0; }).sort(function (a, b) { return a - b; });
    if (!v.length) { return []; }
    var n = data.scale.length, bounds = [];
    for (var k = 1; k <= n; k++) {
      var b = v[Math.min(v.length - 1, Math.max(0, Math.round(v.length * k / n) - 1))];
      if (!bounds.length || b > bounds[bounds.length - 1]) { bounds.push(b); }
    }
    return {low: v[0], bounds: bounds};
  }

  function paint(map, sums) {
    var svg = $(map.id), legend = $(map.id + "-legend");
    var scheme = classes(Object.keys(sums).map(function (k) { return sums[k]; }));
    var bounds = scheme.bounds || [];
    svg.querySelectorAll("path").forEach(function (p) {
      var value = sums[p.dataset.code] || 0, fill = data.no_data;
      if (value > 0) {
        fill = data.scale[data.scale.length - 1];
        for (var k = 0; k < bounds.length; k++) { if (value <= bounds[k]) { fill = data.scale[k]; break; } }
      }
      p.setAttribute("fill", fill);
      p.dataset.value = Math.round(value);
      p.firstChild.textContent = p.dataset.name + ": " + (value > 0 ? kronor(value) : words.noData);
    });
    while (legend.firstChild) { legend.removeChild(legend.firstChild); }
    var low = scheme.low;
    bounds.forEach(function (b, k) {
      legend.appendChild(legendItem(data.scale[k], low === b ? kronor(b) : kronor(low) + " – " + kronor(b)));
      low = b;
    });
    legend.appendChild(legendItem(data.no_data, words.noData));
  }

  function legendItem(colour, text) {
    var li = document.createElement("li"), swatch = document.createElement("span");
    swatch.style.background = colour;
    li.appendChild(swatch);
    li.appendChild(document.createTextNode(text));
    return li;
  }

  function showRows(tableId, visible) {
    var n = 0;
    document.querySelectorAll("#" + tableId + " tbody tr").forEach(function (row) {
      var show = visible(grants[parseInt(row.dataset.i, 10)], row);
      row.style.display = show ? "" : "none";
      n += show ? 1 : 0;
    });
    return n;
  }

  function publishedTable(sums) {
    var body = document.querySelector("#table-published tbody");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    Object.keys(sums).sort().forEach(function (year) {
      var tr = document.createElement("tr"), a = document.createElement("td"), b = document.createElement("td");
      a.textContent = year; b.textContent = kronor(sums[year]); b.className = "num";
      tr.appendChild(a); tr.appendChild(b); body.appendChild(tr);
    });
  }

  function update() {
    var c = choice(), total = 0, counted = 0, leftOut = 0;
    var byPeriod = {}, byPublished = {}, byProgramme = {}, byRecipient = {}, byArea = {region: {}, kommun: {}};
    grants.forEach(function (g) {
      if (g.role !== c.role || !passes(g, c)) { return; }
      if (!summed(g, c)) { leftOut += g.uncertain ? 1 : 0; return; }
      total += g.amount; counted += 1;
      if (g.period) { add(byPeriod, g.period, g.amount); } else { add(byPublished, g.published || words.unknownYear, g.amount); }
      add(byProgramme, g.programme || words.noProgramme, g.amount);
      add(byRecipient, g.body_name, g.amount);
      if (g.area) { add(byArea[g.area[0]], g.area[1], g.amount); }
    });
    var el = $("total");
    el.dataset.value = c.role === "budget" ? "" : String(total);
    el.textContent = c.role === "budget" ? words.budgetNotSummed : kronor(total);
    $("total-detail").textContent = c.role === "budget" ? "" : "(" + counted + " " + words.grantsSummed + ", " +
      leftOut + " " + (c.uncertain ? words.uncertainIncluded : words.uncertainLeftOut) + ")";
    $("filter-summary").textContent = words.showing + ": " + words[c.role] + " · " +
      (c.year === "none" ? words.noPeriod : c.year || words.allYears) + " · " +
      (c.programme === "none" ? words.noProgramme : c.programme || words.allProgrammes) + " · " +
      ($("filter-body-type").selectedOptions[0].textContent) + " · " + words.minConfidence + " " + c.minConfidence;
    data.maps.forEach(function (map) { paint(map, byArea[map.level]); });
    bars("chart-periods", ranked(byPeriod, 50).sort(function (a, b) { return a[0] < b[0] ? -1 : 1; }), "#3182bd");
    publishedTable(byPublished);
    bars("chart-programmes", ranked(byProgramme, 12), "#6baed6");
    bars("chart-recipients", ranked(byRecipient, data.top_recipients), "#08519c");
    var match = function (row) {
      var text = row.textContent.toLowerCase();
      return c.words.every(function (w) { return text.indexOf(w) >= 0; });
    };
    $("grants-shown").textContent = showRows("grants", function (g, row) {
      return g.role === c.role && passes(g, c) && match(row);
    });
    $("budgets-shown").textContent = showRows("budgets", function (g, row) { return passes(g, c) && match(row); });
  }

  controls.forEach(function (id) {
    $(id).addEventListener(id === "search" ? "input" : "change", update);
  });
  update();
})();
