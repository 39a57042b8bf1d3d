// The hub's enhancements; every page works without them.
import "../../css/hub.css";

// Search filters are applied by their "Apply the filters" button only: a page that reloads
// when a box is ticked loses the place of screen-reader and keyboard users (WCAG 3.2.2).

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

document.querySelectorAll("[data-hub-copy-source]").forEach(enhanceCopy);
