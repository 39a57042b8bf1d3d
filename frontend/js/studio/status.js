// Live status of a recording's processing in the admin: poll, update, reload on a change of step.
const POLL_MS = 2000;

function start(section) {
  const url = section.dataset.statusUrl;
  const initial = section.dataset.state;
  const label = section.querySelector("[data-status-label]");
  const progress = section.querySelector("[data-status-progress]");
  const notice = section.querySelector("[data-status-notice]");
  const refresh = section.querySelector("[data-status-refresh]");
  if (refresh) refresh.hidden = true;

  async function poll() {
    let data;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      data = await response.json();
    } catch {
      if (refresh) refresh.hidden = false;
      window.setTimeout(poll, POLL_MS * 3);
      return;
    }
    progress.value = data.progress;
    progress.textContent = `${data.progress} %`;
    label.textContent = data.state === "transcoding" ? `${data.state_label} — ${data.progress} %` : data.state_label;
    if (notice && notice.textContent !== data.notice) {
      notice.textContent = data.notice;
      notice.hidden = !data.notice;
    }
    if (data.state !== initial && (data.final || data.needs_confirmation)) {
      window.location.reload();
      return;
    }
    if (!data.final) window.setTimeout(poll, POLL_MS);
  }
  if (!["ready", "failed", "cancelled", "probed"].includes(initial)) window.setTimeout(poll, POLL_MS);
}

document.querySelectorAll("[data-status-url]").forEach(start);
