// Small behaviours that HTML alone cannot express.
document.addEventListener("click", function (event) {
  // Close the company switcher when clicking elsewhere.
  document.querySelectorAll("details.switcher[open]").forEach(function (menu) {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  });
});
