// The feedback button: opens its <dialog>, captures the context (screen size, the time of the
// recording playing on the page), sends the form with fetch and shows the thank-you inside
// the dialog. Without JavaScript, the button is a link to the plain feedback page.
import "../../css/feedback.css";
import { playingMediaTime, formatTime } from "./context.js";

function setField(form, name, value) {
  const input = form.elements.namedItem(name);
  if (input) input.value = value ?? "";
}

function clearErrors(form) {
  for (const list of form.querySelectorAll("[data-feedback-error]")) list.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    const described = (input.getAttribute("aria-describedby") || "")
      .split(" ")
      .filter((id) => !id.endsWith("_feedback_error"));
    if (described.length) input.setAttribute("aria-describedby", described.join(" "));
    else input.removeAttribute("aria-describedby");
  }
}

function showErrors(form, errors) {
  let first = null;
  for (const [name, messages] of Object.entries(errors)) {
    const wrapper = form.querySelector(`[data-feedback-field="${name}"]`);
    const inputs = wrapper ? wrapper.querySelectorAll("input, select, textarea") : [];
    if (!wrapper || !inputs.length) continue;
    const id = `${inputs[0].id}_feedback_error`;
    const list = document.createElement("ul");
    list.className = "errorlist";
    list.id = id;
    list.dataset.feedbackError = "";
    for (const message of messages) {
      const item = document.createElement("li");
      item.textContent = message.message ?? message;
      list.append(item);
    }
    wrapper.append(list);
    for (const input of inputs) {
      input.setAttribute("aria-invalid", "true");
      const described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", described ? `${described} ${id}` : id);
    }
    first ??= inputs[0];
  }
  return first;
}

function thank(form, data) {
  const body = form.querySelector("[data-feedback-body]");
  const status = form.querySelector("[data-feedback-status]");
  body.hidden = true;
  form.querySelector("[data-feedback-submit]").hidden = true;
  status.textContent = data.message;
  if (data.follow_url) {
    const link = document.createElement("a");
    link.href = data.follow_url;
    link.textContent = data.follow_text;
    status.append(" ", link);
  }
  status.focus();
}

function reset(form) {
  form.reset();
  clearErrors(form);
  form.querySelector("[data-feedback-body]").hidden = false;
  form.querySelector("[data-feedback-submit]").hidden = false;
  form.querySelector("[data-feedback-status]").textContent = "";
}

async function send(form) {
  const status = form.querySelector("[data-feedback-status]");
  const submit = form.querySelector("[data-feedback-submit]");
  clearErrors(form);
  status.textContent = form.dataset.labelSending;
  submit.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const data = await response.json();
    if (response.ok) {
      thank(form, data);
      return;
    }
    const errors = data.errors || {};
    const general = (errors.__all__ || []).map((e) => e.message ?? e).join(" ");
    status.textContent = general || form.dataset.labelError;
    const first = showErrors(form, errors);
    (first || status).focus();
  } catch {
    status.textContent = form.dataset.labelNetwork;
    status.focus();
  } finally {
    submit.disabled = false;
  }
}

function mount(root) {
  const opener = root.querySelector("[data-feedback-open]");
  const dialog = root.querySelector("[data-feedback-dialog]");
  const form = dialog.querySelector("[data-feedback-form]");
  const media = form.querySelector("[data-feedback-media]");
  if (typeof dialog.showModal !== "function") return; // the link to the page still works

  opener.addEventListener("click", (event) => {
    event.preventDefault();
    reset(form);
    setField(form, "url", window.location.pathname + window.location.search);
    setField(form, "screen_size", `${window.screen.width}x${window.screen.height}`);
    const time = playingMediaTime(document);
    setField(form, "media_time", time === null ? "" : time.toFixed(2));
    media.hidden = time === null;
    media.textContent = time === null ? "" : form.dataset.labelTime.replace("{time}", formatTime(time));
    dialog.showModal();
    form.elements.namedItem("kind").focus();
  });
  form.querySelector("[data-feedback-close]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => opener.focus());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(form);
  });
}

for (const root of document.querySelectorAll("[data-feedback]")) mount(root);
