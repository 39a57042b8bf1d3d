// The upload screen: a labelled file input, a <progress>, a polite status line and buttons.
// Every visible string comes from the template (translated there) through data attributes.

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));
}

export function createView(root) {
  const $ = (selector) => root.querySelector(selector);
  const input = $("[data-upload-input]");
  const bar = $("[data-upload-progress]");
  const percentText = $("[data-upload-percent]");
  const status = $("[data-upload-status]");
  const errorBox = $("[data-upload-error]");
  const restoreBox = $("[data-upload-restore]");
  const restoreText = $("[data-upload-restore-text]");
  const resumeRestored = $("[data-upload-resume-restored]");
  const buttons = {
    pause: $("[data-upload-pause]"),
    resume: $("[data-upload-resume]"),
    cancel: $("[data-upload-cancel]"),
  };
  const messages = root.dataset;
  let lastAnnounced = -1;

  function enable(names) {
    for (const [name, button] of Object.entries(buttons)) button.disabled = !names.includes(name);
  }

  function announce(text) {
    status.textContent = text;
  }

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = !text;
  }

  function setPercent(percent) {
    bar.value = percent;
    percentText.textContent = `${percent} %`;
  }

  return {
    onFileChosen(callback) {
      input.addEventListener("change", () => {
        if (input.files.length) callback(input.files[0]);
      });
    },
    onPause: (callback) => buttons.pause.addEventListener("click", callback),
    onResume: (callback) => buttons.resume.addEventListener("click", callback),
    onCancel: (callback) => buttons.cancel.addEventListener("click", callback),
    onResumeRestored: (callback) => resumeRestored.addEventListener("click", callback),
    onDiscardRestored: (callback) =>
      $("[data-upload-discard-restored]").addEventListener("click", callback),
    started() {
      showError("");
      enable(["pause", "cancel"]);
      announce(messages.messageStarted);
    },
    progress(name, fraction) {
      const percent = Math.floor(fraction * 100);
      setPercent(percent);
      // Announce every tenth, not every percent: a screen reader would say nothing else.
      const tenth = Math.floor(percent / 10);
      if (tenth !== lastAnnounced) {
        lastAnnounced = tenth;
        announce(format(messages.messageProgress, { name, percent }));
      }
    },
    paused() {
      enable(["resume", "cancel"]);
      announce(messages.messagePaused);
    },
    failed(text) {
      showError(text || messages.messageFailed);
      enable(["resume", "cancel"]);
      announce(messages.messageInterrupted);
    },
    succeeded(name) {
      setPercent(100);
      enable([]);
      input.disabled = true;
      announce(format(messages.messageDone, { name }));
    },
    cancelled() {
      setPercent(0);
      enable([]);
      input.value = "";
      announce(messages.messageCancelled);
    },
    reset() {
      setPercent(0);
      enable([]);
      input.value = "";
      announce("");
    },
    offerRestore(file, isGhost) {
      const template = isGhost ? messages.messageRestoreGhost : messages.messageRestore;
      restoreText.textContent = format(template, { name: file.name });
      resumeRestored.hidden = isGhost;
      restoreBox.hidden = false;
    },
    hideRestore() {
      restoreBox.hidden = true;
    },
  };
}
