// Time spent on a lesson: while the page is visible, ping the server every 30 seconds.
// The server measures the time between pings itself and caps each one, so a hidden tab
// (which stops pinging) or a forged ping never counts more than real presence.
const INTERVAL = 30_000;

function cookie(name) {
  const match = document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]*)`));
  return match ? decodeURIComponent(match[1]) : "";
}

function start(root) {
  const url = root.dataset.campusPing;
  let timer = null;
  const ping = () =>
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { "Content-Type": "application/json", "X-CSRFToken": cookie("csrftoken") },
      body: "{}",
    }).catch(() => {});
  const resume = () => {
    if (timer || document.visibilityState !== "visible") return;
    ping();
    timer = window.setInterval(ping, INTERVAL);
  };
  const pause = () => {
    if (!timer) return;
    window.clearInterval(timer);
    timer = null;
    ping(); // closes the stretch up to now
  };
  document.addEventListener("visibilitychange", () =>
    document.visibilityState === "visible" ? resume() : pause(),
  );
  window.addEventListener("pagehide", pause);
  resume();
}

const root = document.querySelector("[data-campus-ping]");
if (root) start(root);
