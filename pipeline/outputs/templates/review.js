(function () {
  "use strict";
  var rows = JSON.parse(document.getElementById("rows").textContent);
  var columns = JSON.parse(document.getElementById("columns").textContent);
  var who = document.getElementById("who");
  // a cell a spreadsheet would run as a formula gets a leading apostrophe, as bidrag's own CSV files do;
  // `bidrag review --apply` takes it off again
  var FORMULA = /^'*[=+\-@\t\r]/, NUMBER = /^-?\d+(?:[.,]\d+)?$/;
  function cell(v) {
    v = v == null ? "" : String(v);
    if (FORMULA.test(v) && !NUMBER.test(v)) { v = "'" + v; }
    return /[;"\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function line(row) {
    return columns.map(function (c) { return cell(row[c]); }).join(";");
  }
  function sheet() {
    var out = [columns.join(";")];
    document.querySelectorAll("#items tbody tr").forEach(function (tr) {
      var row = Object.assign({}, rows[Number(tr.dataset.row)]);
      ["verdict", "field", "value", "reason"].forEach(function (name) {
        row[name] = tr.querySelector("[name=" + name + "]").value;
      });
      row.who = who.value;
      out.push(line(row));
    });
    document.querySelectorAll("#added tbody tr").forEach(function (tr) {
      var row = {};
      columns.forEach(function (c) { row[c] = ""; });
      tr.querySelectorAll("td[data-c]").forEach(function (td) { row[td.dataset.c] = td.textContent; });
      row.table = "facts"; row.verdict = "add"; row.who = who.value;
      out.push(line(row));
    });
    return "\ufeff" + out.join("\r\n") + "\r\n";
  }
  document.getElementById("add").addEventListener("click", function () {
    var f = document.getElementById("missing");
    var tr = document.createElement("tr");
    ["doc_id", "text", "context", "value"].forEach(function (c) {
      var td = document.createElement("td");
      td.dataset.c = c; td.textContent = f.elements[c].value; tr.appendChild(td);
      f.elements[c].value = "";
    });
    document.querySelector("#added tbody").appendChild(tr);
  });
  document.getElementById("save").addEventListener("click", function () {
    var blob = new Blob([sheet()], {type: "text/csv;charset=utf-8"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "granskning.csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
})();
