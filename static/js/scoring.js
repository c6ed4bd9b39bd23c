// The scoring cells (the grid and the nominee page), by keyboard: Enter in a cell's select or note saves that
// cell in place (htmx swaps back the cell the server sends: saved, or refused with its reason), as does its button.
// A cell is <td id="cell-PK" data-v="VERSION"> inside an element whose data-cell-url is the address of cell 0.
// A cell's select arrives holding only its chosen option; the others are put in from the page's
// <template id="options-l-decide|l-attest"> (named as the select is) when the page or a saved cell is loaded.
(function () {
  function fill(root) {
    root.querySelectorAll("td[data-v] select[name=outcome]").forEach(function (select) {
      if (select.options.length > 1) return;
      var list = document.getElementById("options-" + (select.getAttribute("aria-labelledby") || "").split(" ")[0]);
      if (!list) return;
      var chosen = select.value;
      select.replaceChildren(list.content.cloneNode(true));
      select.value = chosen;
    });
  }
  htmx.onLoad(fill);
  function save(cell) {
    var box = cell.closest("[data-cell-url]");
    if (!box) return;
    htmx.ajax("POST", box.dataset.cellUrl.replace(/0\/$/, cell.id.slice("cell-".length) + "/"), {
      source: cell, target: cell, swap: "outerHTML",
      values: {
        outcome: cell.querySelector("[name=outcome]").value,
        reason: cell.querySelector("[name=reason]").value,
        version: cell.dataset.v,
      },
    });
  }
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (event.key !== "Enter" || (el.name !== "outcome" && el.name !== "reason")) return;
    var cell = el.closest("td[data-v]");
    if (!cell) return;
    event.preventDefault();
    save(cell);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("td[data-v] button.save");
    if (button) save(button.closest("td[data-v]"));
  });
})();
