// Mount a Studio player on every [data-player] element of the page; its configuration is
// the JSON of the json_script element named by data-player-config (see player.html).
import { Player } from "./player.js";

function readConfig(root) {
  const script =
    root.querySelector('script[type="application/json"]') ??
    document.getElementById(root.dataset.playerConfig);
  return JSON.parse(script.textContent);
}

export function mountPlayers(scope = document) {
  for (const root of scope.querySelectorAll("[data-player]")) {
    if (root.player) continue;
    root.player = new Player(root, readConfig(root));
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => mountPlayers());
} else {
  mountPlayers();
}
