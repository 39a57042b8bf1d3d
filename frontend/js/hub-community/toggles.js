// Send a toggle form with fetch(), then show its new state: aria-pressed, label, count, and
// a sentence in the live region for screen readers. Any failure falls back to a normal post.

function liveRegion(form) {
  const section = form.closest("[data-hub-community]");
  return section && section.querySelector("[data-community-live]");
}

function announce(form, text) {
  const region = liveRegion(form);
  if (region) {
    // Emptying first makes the same sentence announced again on a second click.
    region.textContent = "";
    window.setTimeout(() => {
      region.textContent = text;
    }, 50);
  }
}

function show(form, data) {
  const button = form.querySelector("button[aria-pressed]");
  button.setAttribute("aria-pressed", data.pressed ? "true" : "false");
  const label = button.querySelector("[data-toggle-label]");
  if (label) {
    label.textContent = data.pressed ? button.dataset.labelOn : button.dataset.labelOff;
  }
  const count = button.querySelector("[data-useful-count]");
  if (count && typeof data.count === "number") {
    count.textContent = String(data.count);
  }
}

async function send(form) {
  const button = form.querySelector("button[aria-pressed]");
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const data = await response.json();
    if (!response.ok) {
      announce(form, data.error || "");
      return;
    }
    show(form, data);
    announce(form, data.message);
  } catch {
    form.submit();
  } finally {
    button.disabled = false;
  }
}

export function enhanceToggles(root) {
  for (const form of root.querySelectorAll("form[data-community-toggle]")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(form);
    });
  }
}
