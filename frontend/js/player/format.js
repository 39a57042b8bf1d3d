// Small pure helpers shared by the player's modules.

/** Return seconds as m:ss or h:mm:ss. */
export function formatTime(seconds) {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Return the label template with each {name} replaced by values[name]. */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match));
}

export function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value));
}

/** Return the value of a cookie, or "" (the CSRF token comes from Django's csrftoken). */
export function cookie(name) {
  const prefix = `${name}=`;
  const found = document.cookie.split("; ").find((part) => part.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : "";
}
