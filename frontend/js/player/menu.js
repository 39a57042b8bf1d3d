// A menu button (WAI-ARIA APG "menu button" pattern) whose items are radio choices.

export class ChoiceMenu {
  /** Wire the [data-player-menu] element `root`; `onChoose(value)` gets the chosen value. */
  constructor(root, onChoose) {
    this.root = root;
    this.button = root.querySelector("[data-player-menu-button]");
    this.list = root.querySelector("[data-player-menu-list]");
    this.valueLabel = root.querySelector("[data-player-menu-value]");
    this.onChoose = onChoose;
    this.items = [];
    this.button.addEventListener("click", () => (this.isOpen ? this.close() : this.open()));
    this.button.addEventListener("keydown", (event) => this.onButtonKey(event));
    this.list.addEventListener("keydown", (event) => this.onListKey(event));
    this.root.addEventListener("focusout", (event) => {
      if (this.isOpen && !this.root.contains(event.relatedTarget)) this.close(false);
    });
  }

  get isOpen() {
    return this.button.getAttribute("aria-expanded") === "true";
  }

  /** Replace the choices: [{value, label}]; `current` is the checked value. */
  setChoices(choices, current) {
    this.list.replaceChildren();
    this.items = choices.map(({ value, label }) => {
      const item = document.createElement("li");
      item.setAttribute("role", "menuitemradio");
      item.tabIndex = -1;
      item.dataset.value = String(value);
      item.textContent = label;
      item.addEventListener("click", () => this.choose(item));
      this.list.append(item);
      return item;
    });
    this.root.hidden = choices.length < 2;
    this.check(current);
  }

  /** Mark `value` as the checked choice and show its label on the button. */
  check(value, label) {
    for (const item of this.items) {
      const checked = item.dataset.value === String(value);
      item.setAttribute("aria-checked", String(checked));
      if (checked && this.valueLabel) this.valueLabel.textContent = label ?? item.textContent;
    }
  }

  open(focusLast = false) {
    if (!this.items.length) return;
    this.list.hidden = false;
    this.button.setAttribute("aria-expanded", "true");
    const checked = this.items.find((item) => item.getAttribute("aria-checked") === "true");
    (focusLast ? this.items.at(-1) : (checked ?? this.items[0])).focus();
  }

  close(returnFocus = true) {
    this.list.hidden = true;
    this.button.setAttribute("aria-expanded", "false");
    if (returnFocus) this.button.focus();
  }

  choose(item) {
    this.check(item.dataset.value);
    this.close();
    this.onChoose(item.dataset.value, item.textContent);
  }

  onButtonKey(event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      event.stopPropagation();
      this.open(event.key === "ArrowUp");
    }
  }

  onListKey(event) {
    const index = this.items.indexOf(document.activeElement);
    const moves = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: this.items.length - 1 };
    if (event.key in moves) {
      const next = (moves[event.key] + this.items.length) % this.items.length;
      this.items[next].focus();
    } else if (event.key === "Enter" || event.key === " ") {
      if (index >= 0) this.choose(this.items[index]);
    } else if (event.key === "Escape") {
      this.close();
    } else if (event.key === "Tab") {
      this.close(false);
      return;
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }
}
