// On small screens, a button shows and hides the header menus (they stay visible without JS).
const SMALL_SCREEN = window.matchMedia("(max-width: 47.99em)");

export function initNavigation(root) {
  const toggle = root.querySelector(".nav-toggle[aria-controls]");
  const menus = toggle && root.getElementById(toggle.getAttribute("aria-controls"));
  if (!toggle || !menus) {
    return;
  }

  const isOpen = () => toggle.getAttribute("aria-expanded") === "true";
  const setOpen = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    menus.toggleAttribute("data-open", open);
  };

  toggle.hidden = false;
  setOpen(false);
  toggle.addEventListener("click", () => setOpen(!isOpen()));

  // Escape closes the open menu and gives the focus back to its button.
  menus.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && SMALL_SCREEN.matches && isOpen()) {
      setOpen(false);
      toggle.focus();
    }
  });

  // Leaving the small layout must not leave the menus hidden.
  SMALL_SCREEN.addEventListener("change", () => setOpen(false));
}
