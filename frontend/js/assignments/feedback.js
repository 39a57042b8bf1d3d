// The timeline of a submission: markers and moments move the player there (click or Enter);
// on the review page, "Use the player's current time" and comments added without a reload.
import { fill, formatTime } from "../player/format.js";

function seekVideo(video, seconds) {
  const go = () => {
    video.currentTime = seconds;
  };
  if (video.readyState >= 1) go();
  else video.addEventListener("loadedmetadata", go, { once: true });
}

export function initFeedback(root, commentForm) {
  const video = root.querySelector("[data-player-video]");
  const status = root.querySelector("[data-player-status]");
  const list = document.querySelector("[data-comment-list]");
  const track = root.querySelector("[data-timeline-track]");
  const duration = () =>
    Number.isFinite(video.duration) && video.duration > 0
      ? video.duration
      : Number(root.dataset.duration) || 0;

  function jump(seconds, source) {
    seekVideo(video, seconds);
    if (status) status.textContent = fill(root.dataset.statusJump, { time: formatTime(seconds) });
    highlight(source);
  }

  function highlight(source) {
    const id = source && source.getAttribute("href");
    for (const item of list.querySelectorAll("[data-comment]")) {
      item.classList.toggle("is-current", id === `#${item.id}`);
    }
  }

  // The markers' places come from data attributes: the site's policy allows no inline style.
  if (track) {
    for (const marker of track.querySelectorAll("[data-percent]")) {
      marker.style.insetInlineStart = `${Number(marker.dataset.percent) || 0}%`;
    }
  }

  // One listener for the markers, the moments of the list and comments added later.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-seek]");
    if (!link || !document.body.contains(root)) return;
    event.preventDefault();
    jump(Number(link.dataset.seek), link);
  });

  // The comment whose moment is playing is marked, so a reader can follow along.
  video.addEventListener("timeupdate", () => {
    const now = video.currentTime;
    for (const item of list.querySelectorAll("[data-comment]")) {
      const at = item.dataset.at === "" ? NaN : Number(item.dataset.at);
      item.classList.toggle("is-playing", Number.isFinite(at) && now >= at && now < at + 3);
    }
  });

  if (commentForm) initCommentForm(commentForm, { video, list, track, duration });
}

function initCommentForm(form, { video, list, track, duration }) {
  const useTime = form.querySelector("[data-use-current-time]");
  const moment = form.querySelector("input[name=moment]");
  const text = form.querySelector("textarea[name=text]");
  const error = form.querySelector("[data-comment-error]");
  const status = form.querySelector("[data-comment-status]");
  if (useTime && moment) {
    useTime.hidden = false;
    useTime.addEventListener("click", () => {
      moment.value = formatTime(video.currentTime);
      moment.focus();
    });
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
    } catch {
      form.submit(); // the page answers without the script
      return;
    }
    const data = await response.json().catch(() => null);
    if (!response.ok || !data) {
      showErrors(data);
      return;
    }
    addComment(data, form, { list, track, duration });
    text.value = "";
    if (moment) moment.value = "";
    status.textContent = data.clock
      ? fill(status.dataset.messageAdded, { time: data.clock })
      : status.dataset.messageAddedGeneral;
    text.focus();
  });

  function showErrors(data) {
    const errors = (data && data.errors) || {};
    const messages = Object.values(errors).flat().map((e) => e.message);
    error.textContent = messages.join(" ") || form.dataset.messageFailed || "";
    error.hidden = false;
  }
}

function addComment(data, form, { list, track, duration }) {
  list.querySelector("[data-comment-empty]")?.remove();
  const template = document.getElementById("comment-template");
  const item = template.content.firstElementChild.cloneNode(true);
  item.id = `comment-${data.id}`;
  item.dataset.at = data.at === null ? "" : String(data.at);
  const time = item.querySelector("[data-template-time]");
  const general = item.querySelector("[data-template-general]");
  if (data.at === null) {
    time.remove();
  } else {
    general.remove();
    time.dataset.seek = String(data.at);
    time.querySelector("[data-template-clock]").textContent = data.clock;
  }
  item.querySelector("[data-template-author]").textContent = data.author;
  item.querySelector("[data-template-text]").textContent = data.text;
  const remove = item.querySelector("form");
  remove.action = data.delete_url;
  remove.querySelector("input[name=csrfmiddlewaretoken]").value =
    form.querySelector("input[name=csrfmiddlewaretoken]").value;
  // Keep the list in the order of the recording: general comments first, then by moment.
  const after = [...list.querySelectorAll("[data-comment]")].find((other) => {
    const at = other.dataset.at === "" ? -1 : Number(other.dataset.at);
    return at > (data.at === null ? -1 : data.at);
  });
  list.insertBefore(item, after || null);

  if (track && data.at !== null) {
    const marker = document.createElement("li");
    marker.className = "timeline__item";
    const total = duration();
    const percent = total ? Math.min(100, (100 * data.at) / total) : 0;
    marker.style.insetInlineStart = `${percent}%`;
    const link = document.createElement("a");
    link.className = "timeline__marker";
    link.href = `#comment-${data.id}`;
    link.dataset.seek = String(data.at);
    const label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = fill(track.dataset.markerLabel || "{time}", { time: data.clock });
    link.append(label);
    marker.append(link);
    track.append(marker);
  }
}
