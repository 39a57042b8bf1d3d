// The hub's enhancements; every page works without them.
import "../../css/hub.css";

// Search filters: apply a facet or a sort order as soon as it changes. The "Apply the
// filters" button stays for keyboard and assistive-technology users who prefer it.
function enhanceFilters(form) {
  form.addEventListener("change", (event) => {
    if (event.target.matches("input[type=checkbox], select")) {
      form.requestSubmit();
    }
  });
}

// Licence panel: a button that copies the attribution text.
function enhanceCopy(source) {
  if (!navigator.clipboard) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button--small button--secondary";
  button.textContent = source.dataset.copyLabel || "Copy";
  const status = document.createElement("span");
  status.setAttribute("role", "status");
  status.className = "hub-copy-status";
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(source.value);
    status.textContent = source.dataset.copiedLabel || "Copied";
  });
  source.after(button, status);
}

document.querySelectorAll("[data-hub-filters]").forEach(enhanceFilters);
document.querySelectorAll("[data-hub-copy-source]").forEach(enhanceCopy);
