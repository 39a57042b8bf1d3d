// After a form comes back with errors, move the focus to the first one so that keyboard and
// screen reader users learn at once what went wrong (the page itself reloaded silently).
export function focusFirstError(root) {
  const form = root.querySelector("form:has([aria-invalid='true'], .errorlist)");
  if (!form) {
    return;
  }
  const target =
    form.querySelector(".errorlist.nonfield, .form-errors") ||
    form.querySelector("[aria-invalid='true']") ||
    form.querySelector(".errorlist");
  if (!target.matches("input, select, textarea")) {
    target.setAttribute("tabindex", "-1");
  }
  target.focus();
}
