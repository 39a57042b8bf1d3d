// Screen readers announce what changes in a live region, not what it held when the page
// loaded: repeat the server's messages into the region, out of sight, once the page is ready.
const ANNOUNCE_DELAY_MS = 500;
const KEEP_COPY_MS = 10000;

export function announceMessages(root) {
  const region = root.querySelector("[data-messages]");
  const text = region && region.textContent.replace(/\s+/g, " ").trim();
  if (!text) {
    return;
  }
  window.setTimeout(() => {
    const copy = document.createElement("span");
    copy.className = "visually-hidden";
    copy.textContent = text;
    region.append(copy);
    // Removal is not announced; it spares the repeat when someone reads the page later.
    window.setTimeout(() => copy.remove(), KEEP_COPY_MS);
  }, ANNOUNCE_DELAY_MS);
}
