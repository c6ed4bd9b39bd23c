// Keyboard use of the scoring grid: Enter on a cell's select saves the cell like Enter in its text box.
document.addEventListener("keydown", function (event) {
  var el = event.target;
  if (event.key === "Enter" && el.tagName === "SELECT" && el.form && el.form.classList.contains("cell-form")) {
    event.preventDefault();
    el.form.requestSubmit();
  }
});
