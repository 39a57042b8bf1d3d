// Follow the processing of a submitted recording; say when it is ready to play.
const INTERVAL = 5000;

export function followProcessing(root) {
  const status = root.querySelector("[data-processing-status]");
  async function poll() {
    let data;
    try {
      const response = await fetch(root.dataset.statusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      data = response.ok ? await response.json() : null;
    } catch {
      data = null;
    }
    if (data && data.ready) {
      status.textContent = root.dataset.messageReady;
      return;
    }
    if (data && data.failed) {
      status.textContent = data.message || data.label;
      return;
    }
    if (data) status.textContent = `${data.label} (${data.progress} %)`;
    window.setTimeout(poll, INTERVAL);
  }
  window.setTimeout(poll, INTERVAL);
}
