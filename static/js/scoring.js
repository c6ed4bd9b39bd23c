// The scoring cells (the grid and the nominee page), by keyboard: Enter in a cell's select or note saves that
// cell in place (htmx swaps back the cell the server sends: saved, or refused with its reason), as does its button.
// A cell is <td id="cell-PK" data-v="VERSION"> inside an element whose data-cell-url is the address of cell 0.
(function () {
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
