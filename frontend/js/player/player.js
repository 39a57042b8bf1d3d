// One accessible player for every Studio recording: HLS through hls.js (or the browser's
// own HLS), custom controls, captions drawn in an overlay (a WebGL canvas shows no native
// captions), chapters, seek previews, keyboard shortcuts, the 360° view and spatial sound.
import Hls from "hls.js";
import { clamp, cookie, fill, formatTime } from "./format.js";
import { ChoiceMenu } from "./menu.js";
import { canPlaySpatial, hasWebGL } from "./support.js";
import { cueAt, loadVtt, thumbnailCues } from "./vtt.js";

const SEEK_STEP = 5; // seconds
const LOOK_STEP = 5; // degrees
const ZOOM_STEP = 5; // degrees of field of view
const VOLUME_STEP = 0.1;
const PROGRESS_INTERVAL = 15_000; // milliseconds
const DRAG_THRESHOLD = 4; // CSS pixels before a press becomes a drag
const NETWORK_RETRIES = 3;

export class Player {
  constructor(root, config) {
    this.root = root;
    this.config = config;
    this.labels = root.dataset;
    this.video = this.part("video");
    this.stage = this.part("stage");
    this.volume = 1;
    this.muted = false;
    this.sphere = null;
    this.spatial = null;
    this.hls = null;
    this.thumbnails = [];
    this.chapters = [];
    this.retries = 0;
    this.video.controls = false;
    this.part("controls").hidden = false;
    this.part("help").hidden = false;
    this.setupSource();
    this.setupControls();
    this.setupCaptions();
    this.setupSpatial();
    this.setupKeyboard();
    this.setupProgress();
    /** Resolves once the 360° view (loaded on demand) and the WebVTT files are ready. */
    this.ready = Promise.all([this.setupView(), this.loadThumbnails(), this.loadChapters()]);
  }

  /** Return the element marked data-player-`name` inside this player. */
  part(name) {
    return this.root.querySelector(`[data-player-${name}]`);
  }

  label(name, values = {}) {
    return fill(this.labels[name] ?? "", values);
  }

  announce(text) {
    this.part("status").textContent = text;
  }

  /** The current view of the 360° mode: {yaw, pitch, fov} in degrees (flat: zeros, fov null). */
  get view() {
    return this.sphere ? this.sphere.view : { yaw: 0, pitch: 0, fov: null };
  }

  // Source ---------------------------------------------------------------------------------

  setupSource() {
    const { master_url: url } = this.config;
    if (Hls.isSupported()) {
      // A 360° view shows a part of the frame, magnified: never cap to the player's size.
      this.hls = new Hls({ capLevelToPlayerSize: this.config.projection === "flat" });
      this.hls.on(Hls.Events.MANIFEST_PARSED, (event, data) => this.buildQualityMenu(data.levels));
      this.hls.on(Hls.Events.LEVEL_SWITCHED, () => this.showAutoLevel());
      this.hls.on(Hls.Events.ERROR, (event, data) => this.onHlsError(data));
      this.hls.loadSource(url);
      this.hls.attachMedia(this.video);
    } else if (this.video.canPlayType("application/vnd.apple.mpegurl")) {
      this.video.src = url; // Safari's own HLS chooses the quality itself
    } else {
      this.showError();
    }
  }

  onHlsError(data) {
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR && this.retries++ < NETWORK_RETRIES) {
      this.hls.startLoad();
    } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR && this.retries++ < NETWORK_RETRIES) {
      this.hls.recoverMediaError();
    } else {
      this.showError();
    }
  }

  showError() {
    const error = this.part("error");
    error.textContent = this.label("statusError");
    error.hidden = false;
  }

  levelName(level) {
    return this.config.projection !== "flat"
      ? `${level.width}×${level.height}`
      : `${level.height}p`;
  }

  buildQualityMenu(levels) {
    const choices = levels
      .map((level, index) => ({ value: index, label: this.levelName(level), level }))
      .sort((a, b) => b.level.bitrate - a.level.bitrate);
    this.quality.setChoices([{ value: -1, label: this.label("labelAuto") }, ...choices], -1);
    this.showAutoLevel();
  }

  showAutoLevel() {
    const hls = this.hls;
    if (!hls?.autoLevelEnabled || hls.currentLevel < 0 || !hls.levels[hls.currentLevel]) return;
    const name = this.levelName(hls.levels[hls.currentLevel]);
    this.quality.check(-1, this.label("labelAutoCurrent", { name }));
  }

  chooseLevel(value, label) {
    if (!this.hls) return;
    this.hls.currentLevel = Number(value);
    this.announce(this.label("statusQuality", { name: label }));
    if (Number(value) === -1) this.showAutoLevel();
  }

  // Controls -------------------------------------------------------------------------------

  setupControls() {
    const video = this.video;
    this.quality = new ChoiceMenu(this.root.querySelector('[data-player-menu="quality"]'), (v, l) =>
      this.chooseLevel(v, l),
    );
    this.part("play").addEventListener("click", () => this.togglePlay());
    video.addEventListener("click", () => this.togglePlay()); // the play button is its keyboard twin
    this.part("mute").addEventListener("click", () => this.setMuted(!this.muted));
    this.part("volume").addEventListener("input", (event) => {
      this.setVolume(Number(event.target.value));
    });
    const seek = this.part("seek");
    seek.addEventListener("input", () => {
      video.currentTime = Number(seek.value);
      this.updateTime();
    });
    seek.addEventListener("change", () => {
      this.announce(this.label("statusSeek", { time: formatTime(video.currentTime) }));
    });
    this.setupFullscreen();
    video.addEventListener("play", () => this.updatePlaying());
    video.addEventListener("pause", () => this.updatePlaying());
    video.addEventListener("ended", () => this.announce(this.label("statusEnded")));
    for (const type of ["timeupdate", "durationchange", "loadedmetadata", "seeked"]) {
      video.addEventListener(type, () => this.updateTime());
    }
    this.updatePlaying(false);
    this.updateTime();
    this.updateVolume();
  }

  togglePlay() {
    if (this.video.paused || this.video.ended) {
      this.video.play().catch(() => {});
    } else {
      this.video.pause();
    }
  }

  updatePlaying(speak = true) {
    const playing = !this.video.paused;
    this.root.classList.toggle("is-playing", playing);
    const button = this.part("play");
    button.querySelector("[data-player-label]").textContent = this.label(
      playing ? "labelPause" : "labelPlay",
    );
    if (speak) this.announce(this.label(playing ? "statusPlaying" : "statusPaused"));
  }

  get duration() {
    const { duration } = this.video;
    return Number.isFinite(duration) && duration > 0 ? duration : Number(this.config.duration) || 0;
  }

  updateTime() {
    const current = this.video.currentTime;
    const seek = this.part("seek");
    seek.max = String(this.duration);
    if (document.activeElement !== seek || !this.video.seeking) seek.value = String(current);
    const text = this.label("labelTime", {
      current: formatTime(current),
      duration: formatTime(this.duration),
    });
    seek.setAttribute("aria-valuetext", text);
    this.part("current").textContent = formatTime(current);
    this.part("duration").textContent = formatTime(this.duration);
    this.updateChapter(current);
  }

  seekTo(time) {
    this.video.currentTime = clamp(time, 0, this.duration);
    this.updateTime();
    this.announce(this.label("statusSeek", { time: formatTime(this.video.currentTime) }));
  }

  setMuted(muted) {
    this.muted = muted;
    this.applyVolume();
    this.announce(this.label(muted ? "statusMuted" : "statusUnmuted"));
  }

  setVolume(volume) {
    this.volume = clamp(volume, 0, 1);
    this.muted = this.volume === 0;
    this.applyVolume();
  }

  /** Send the chosen volume to whichever plays the sound: the video or the spatial graph. */
  applyVolume() {
    if (this.spatial) {
      this.video.muted = true;
      this.spatial.setVolume(this.volume, this.muted);
    } else {
      this.video.muted = this.muted;
      this.video.volume = this.volume;
    }
    this.updateVolume();
  }

  updateVolume() {
    this.root.classList.toggle("is-muted", this.muted);
    this.part("mute").querySelector("[data-player-label]").textContent = this.label(
      this.muted ? "labelUnmute" : "labelMute",
    );
    this.part("volume").value = String(this.muted ? 0 : this.volume);
  }

  setupFullscreen() {
    const button = this.part("fullscreen");
    const canFullscreen = document.fullscreenEnabled || this.video.webkitEnterFullscreen;
    if (!canFullscreen) {
      button.hidden = true;
      return;
    }
    button.addEventListener("click", () => this.toggleFullscreen());
    document.addEventListener("fullscreenchange", () => {
      const active = document.fullscreenElement === this.root;
      this.root.classList.toggle("is-fullscreen", active);
      button.querySelector("[data-player-label]").textContent = this.label(
        active ? "labelExitFullscreen" : "labelFullscreen",
      );
    });
  }

  toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
    } else if (document.fullscreenEnabled) {
      this.root.requestFullscreen().catch(() => {});
    } else {
      this.video.webkitEnterFullscreen(); // iPhone: only the video element goes full screen
    }
  }

  // Captions -------------------------------------------------------------------------------

  setupCaptions() {
    this.cue = this.part("cue");
    this.captionTracks = Array.from(this.video.textTracks).filter(
      (track) => track.kind === "captions" || track.kind === "subtitles",
    );
    this.captionIndex = -1;
    for (const track of this.captionTracks) {
      track.mode = "disabled";
      track.addEventListener("cuechange", () => this.renderCue());
    }
    for (const element of this.video.querySelectorAll("track")) {
      element.addEventListener("load", () => this.renderCue());
    }
    this.video.addEventListener("seeked", () => this.renderCue());
    this.captions = new ChoiceMenu(this.root.querySelector('[data-player-menu="captions"]'), (v) =>
      this.setCaptions(Number(v)),
    );
    const choices = this.captionTracks.map((track, index) => ({
      value: index,
      label: track.label || track.language,
    }));
    this.captions.setChoices([{ value: -1, label: this.label("labelCaptionsOff") }, ...choices], -1);
  }

  /** Show the captions track at `index` (-1: none) in the overlay. */
  setCaptions(index) {
    this.captionIndex = index;
    this.captionTracks.forEach((track, i) => {
      track.mode = i === index ? "hidden" : "disabled";
    });
    this.captions.check(index);
    this.renderCue();
    const track = this.captionTracks[index];
    this.announce(
      track
        ? this.label("statusCaptions", { name: track.label || track.language })
        : this.label("statusCaptionsOff"),
    );
  }

  cycleCaptions() {
    if (!this.captionTracks.length) return;
    const next = this.captionIndex + 1 < this.captionTracks.length ? this.captionIndex + 1 : -1;
    this.setCaptions(next);
  }

  /** Draw the cues of the chosen track at the current time (Chrome leaves activeCues empty
   * until playback moves, so read the cue list itself). */
  renderCue() {
    const track = this.captionTracks[this.captionIndex];
    const time = this.video.currentTime;
    const cues = Array.from(track?.cues ?? []).filter(
      (cue) => time >= cue.startTime && time < cue.endTime,
    );
    const text = cues.map((cue) => cue.text.replace(/<[^>]+>/g, "")).join("\n");
    this.cue.textContent = text;
    this.cue.hidden = !text;
  }

  // Seek previews and chapters --------------------------------------------------------------

  async loadThumbnails() {
    const url = this.config.thumbnails_url;
    if (!url) return;
    const base = new URL(url, document.baseURI).href;
    this.thumbnails = thumbnailCues(await loadVtt(base), base);
    if (!this.thumbnails.length) return;
    const seek = this.part("seek");
    seek.addEventListener("pointermove", (event) => {
      const rect = seek.getBoundingClientRect();
      const ratio = clamp((event.clientX - rect.left) / rect.width, 0, 1);
      this.showPreview(ratio * this.duration, ratio);
    });
    seek.addEventListener("pointerleave", () => this.hidePreview());
    const fromValue = () => this.showPreview(Number(seek.value), Number(seek.value) / (this.duration || 1));
    seek.addEventListener("focus", fromValue);
    seek.addEventListener("input", fromValue);
    seek.addEventListener("blur", () => this.hidePreview());
  }

  showPreview(time, ratio) {
    const cue = cueAt(this.thumbnails, time) ?? this.thumbnails.at(-1);
    const preview = this.part("preview");
    const image = this.part("preview-image");
    image.style.width = `${cue.w}px`;
    image.style.height = `${cue.h}px`;
    image.style.backgroundImage = `url("${cue.url}")`;
    image.style.backgroundPosition = `-${cue.x}px -${cue.y}px`;
    this.part("preview-time").textContent = formatTime(time);
    preview.style.setProperty("--preview-at", String(ratio));
    preview.hidden = false;
  }

  hidePreview() {
    this.part("preview").hidden = true;
  }

  async loadChapters() {
    const url = this.config.chapters_url;
    if (!url) return;
    this.chapters = await loadVtt(new URL(url, document.baseURI).href);
    if (!this.chapters.length) return;
    const list = this.part("chapters-list");
    for (const chapter of this.chapters) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "player__chapter";
      const time = document.createElement("span");
      time.className = "player__chapter-time";
      time.textContent = formatTime(chapter.start);
      button.append(time, ` ${chapter.text}`);
      button.addEventListener("click", () => {
        this.seekTo(chapter.start);
        this.announce(this.label("statusChapter", { name: chapter.text }));
      });
      chapter.button = button;
      item.append(button);
      list.append(item);
    }
    this.part("chapters").hidden = false;
    this.updateChapter(this.video.currentTime);
  }

  updateChapter(time) {
    const current = cueAt(this.chapters, time);
    for (const chapter of this.chapters) {
      if (chapter === current) chapter.button?.setAttribute("aria-current", "true");
      else chapter.button?.removeAttribute("aria-current");
    }
  }

  // 360° view ------------------------------------------------------------------------------

  async setupView() {
    const { projection, stereo_mode: stereoMode } = this.config;
    if (projection !== "equirectangular") return;
    if (!hasWebGL()) {
      this.part("webgl-notice").hidden = false;
      return;
    }
    try {
      const { SphereView } = await import("./sphere.js");
      this.sphere = new SphereView(this.video, this.stage, {
        stereoMode,
        onChange: (sphere) => this.spatial?.rotate(sphere.matrix),
      });
    } catch {
      this.part("webgl-notice").hidden = false;
      return;
    }
    this.root.classList.add("is-spherical");
    this.stage.tabIndex = 0;
    this.stage.setAttribute("role", "group");
    this.stage.setAttribute("aria-label", this.stage.dataset.label || this.config.title);
    this.part("view-controls").hidden = false;
    this.part("zoom-in").addEventListener("click", () => this.zoom(-ZOOM_STEP));
    this.part("zoom-out").addEventListener("click", () => this.zoom(ZOOM_STEP));
    this.part("reset-view").addEventListener("click", () => this.resetView());
    this.setupDrag(this.sphere.canvas);
    this.setupMotion();
    this.setupVR();
  }

  zoom(delta) {
    this.sphere.zoom(delta);
    this.announce(this.label("statusZoom", { fov: Math.round(this.sphere.fov) }));
  }

  resetView() {
    this.sphere.reset();
    this.motionOrigin = null;
    this.announce(this.label("statusViewReset"));
  }

  /** Look around by dragging (mouse, pen or touch), zoom by pinching with two fingers;
   * a press without a drag plays or pauses. */
  setupDrag(canvas) {
    const pointers = new Map(); // pointerId → last event
    let press = null; // where the single pointer went down, and whether it dragged
    let spread = 0; // distance between two pinching fingers
    const distance = () => {
      const [a, b] = [...pointers.values()];
      return Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
    };
    canvas.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      pointers.set(event.pointerId, event);
      canvas.setPointerCapture(event.pointerId);
      this.stage.focus({ preventScroll: true });
      if (pointers.size === 1) {
        press = { x: event.clientX, y: event.clientY, dragged: false };
      } else if (pointers.size === 2) {
        press.dragged = true; // a pinch is never a click
        spread = distance();
      }
    });
    canvas.addEventListener("pointermove", (event) => {
      const last = pointers.get(event.pointerId);
      if (!last) return;
      pointers.set(event.pointerId, event);
      if (pointers.size === 2) {
        const now = distance();
        if (spread > 0 && now > 0) this.sphere.setView({ fov: (this.sphere.fov * spread) / now });
        spread = now;
        return;
      }
      if (Math.hypot(event.clientX - press.x, event.clientY - press.y) > DRAG_THRESHOLD) {
        press.dragged = true;
      }
      const scale = this.sphere.degreesPerPixel;
      this.sphere.look(-(event.clientX - last.clientX) * scale, (event.clientY - last.clientY) * scale);
    });
    const end = (event) => {
      if (!pointers.delete(event.pointerId)) return;
      if (pointers.size === 0 && press && !press.dragged && event.type === "pointerup") {
        this.togglePlay();
      }
      if (pointers.size === 0) press = null;
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    canvas.addEventListener(
      "wheel",
      (event) => {
        event.preventDefault();
        this.sphere.zoom(clamp(event.deltaY, -100, 100) * 0.05);
      },
      { passive: false },
    );
  }

  /** Offer device motion where the device has a sensor (iOS asks permission on a click). */
  setupMotion() {
    // Desktop browsers have the API (some report a still "sensor"): offer it on touch screens.
    if (!("DeviceOrientationEvent" in window) || !navigator.maxTouchPoints) return;
    const button = this.part("motion");
    this.onOrientation = (event) => this.followDevice(event);
    button.addEventListener("click", () => this.toggleMotion());
    if (typeof DeviceOrientationEvent.requestPermission === "function") {
      button.hidden = false;
      return;
    }
    const probe = (event) => {
      if (event.alpha === null) return;
      window.removeEventListener("deviceorientation", probe);
      button.hidden = false;
    };
    window.addEventListener("deviceorientation", probe);
  }

  async toggleMotion() {
    const button = this.part("motion");
    if (this.motion) {
      window.removeEventListener("deviceorientation", this.onOrientation);
      this.motion = false;
      button.setAttribute("aria-pressed", "false");
      this.announce(this.label("statusMotionOff"));
      return;
    }
    if (typeof DeviceOrientationEvent.requestPermission === "function") {
      const answer = await DeviceOrientationEvent.requestPermission().catch(() => "denied");
      if (answer !== "granted") {
        this.announce(this.label("statusMotionDenied"));
        return;
      }
    }
    this.motion = true;
    this.motionOrigin = null;
    window.addEventListener("deviceorientation", this.onOrientation);
    button.setAttribute("aria-pressed", "true");
    this.announce(this.label("statusMotionOn"));
  }

  /** Turn the view with the device, relative to where it pointed when motion was switched on. */
  followDevice(event) {
    if (event.alpha === null) return;
    const landscape = Math.abs(window.screen.orientation?.angle ?? window.orientation ?? 0) === 90;
    const heading = -event.alpha;
    const tilt = landscape ? -Math.sign(event.gamma) * (90 - Math.abs(event.gamma)) : event.beta - 90;
    if (!this.motionOrigin) {
      this.motionOrigin = { heading: heading - this.sphere.yaw, tilt: 0 };
    }
    this.sphere.setView({ yaw: heading - this.motionOrigin.heading, pitch: tilt });
  }

  async setupVR() {
    const supported = await navigator.xr?.isSessionSupported?.("immersive-vr").catch(() => false);
    if (!supported) return;
    const button = this.part("vr");
    button.hidden = false;
    button.addEventListener("click", () => {
      if (this.video.paused) this.togglePlay();
      this.sphere.enterVR().catch(() => {});
    });
  }

  // Spatial sound --------------------------------------------------------------------------

  setupSpatial() {
    const url = this.config.ambisonic_url;
    if (!canPlaySpatial(url)) return;
    const button = this.part("spatial");
    button.hidden = false;
    button.addEventListener("click", () => this.toggleSpatial());
  }

  async toggleSpatial() {
    if (this.spatial) {
      this.stopSpatial();
      this.announce(this.label("statusSpatialOff"));
      return;
    }
    const { SpatialAudio } = await import("./spatial.js");
    if (this.spatial) return; // a second click while the module loaded
    const spatial = new SpatialAudio(this.video, this.config.ambisonic_url, this.stage, {
      onFail: () => this.failSpatial(spatial),
    });
    this.spatial = spatial;
    this.part("spatial").setAttribute("aria-pressed", "true");
    this.applyVolume();
    try {
      await spatial.start();
    } catch {
      this.failSpatial(spatial);
      return;
    }
    if (this.spatial !== spatial) return;
    if (this.sphere) spatial.rotate(this.sphere.matrix);
    this.applyVolume();
    this.announce(this.label("statusSpatialOn"));
  }

  failSpatial(spatial) {
    if (this.spatial !== spatial) return;
    this.stopSpatial();
    this.announce(this.label("statusSpatialFailed"));
  }

  stopSpatial() {
    this.spatial?.stop();
    this.spatial = null;
    this.part("spatial").setAttribute("aria-pressed", "false");
    this.applyVolume();
  }

  // Keyboard -------------------------------------------------------------------------------

  setupKeyboard() {
    this.root.addEventListener("keydown", (event) => this.onKey(event));
  }

  /** Shortcuts while focus is in the player; arrows look around in 360°, seek in flat mode. */
  onKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    const inRange = target.matches?.('input[type="range"]');
    const onControl = target.closest?.("button, a, summary, [role='menuitemradio']");
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const sphere = this.sphere;
    const arrows = {
      ArrowLeft: () => (sphere ? sphere.look(-LOOK_STEP, 0) : this.seekBy(-SEEK_STEP)),
      ArrowRight: () => (sphere ? sphere.look(LOOK_STEP, 0) : this.seekBy(SEEK_STEP)),
      ArrowUp: () => (sphere ? sphere.look(0, LOOK_STEP) : this.volumeBy(VOLUME_STEP)),
      ArrowDown: () => (sphere ? sphere.look(0, -LOOK_STEP) : this.volumeBy(-VOLUME_STEP)),
    };
    const actions = {
      " ": onControl ? null : () => this.togglePlay(),
      k: () => this.togglePlay(),
      j: () => this.seekBy(-SEEK_STEP),
      l: () => this.seekBy(SEEK_STEP),
      m: () => this.setMuted(!this.muted),
      c: () => this.cycleCaptions(),
      f: () => this.toggleFullscreen(),
      Home: inRange ? null : () => this.seekTo(0),
      End: inRange ? null : () => this.seekTo(this.duration),
      "+": sphere && (() => this.zoom(-ZOOM_STEP)),
      "=": sphere && (() => this.zoom(-ZOOM_STEP)),
      "-": sphere && (() => this.zoom(ZOOM_STEP)),
      0: sphere && (() => this.resetView()),
      ...(inRange ? {} : arrows),
    };
    const action = actions[key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  seekBy(seconds) {
    this.seekTo(this.video.currentTime + seconds);
  }

  volumeBy(delta) {
    this.setVolume((this.muted ? 0 : this.volume) + delta);
  }

  // Progress -------------------------------------------------------------------------------

  // The server credits only continuous playback between reports at most two intervals
  // apart: report on a timer while playing, and whenever playback starts, pauses or ends,
  // and around a seek (where it was, then where it lands) so the jump credits nothing.
  setupProgress() {
    const url = this.config.progress_url;
    if (!url) return;
    const video = this.video;
    let lastPosition = video.currentTime;
    let seeking = false;
    let settle = null;
    const report = (position) => this.reportProgress(url, position);
    window.setInterval(() => {
      if (!video.paused && !seeking) report();
    }, PROGRESS_INTERVAL);
    video.addEventListener("timeupdate", () => {
      if (!seeking) lastPosition = video.currentTime;
    });
    video.addEventListener("play", () => report());
    video.addEventListener("pause", () => {
      if (!seeking && !video.ended) report(); // at the end, "ended" reports
    });
    video.addEventListener("ended", () => report());
    video.addEventListener("seeking", () => {
      window.clearTimeout(settle);
      if (seeking) return; // dragging the seek bar: one report before the first jump
      seeking = true;
      report(lastPosition);
    });
    video.addEventListener("seeked", () => {
      window.clearTimeout(settle);
      settle = window.setTimeout(() => {
        seeking = false;
        lastPosition = video.currentTime;
        report();
      }, 1000);
    });
  }

  reportProgress(url, position = this.video.currentTime) {
    const duration = this.duration;
    let watched = 0;
    for (let i = 0; i < this.video.played.length; i += 1) {
      watched += this.video.played.end(i) - this.video.played.start(i);
    }
    const body = {
      position,
      duration,
      watched_ratio: duration ? clamp(watched / duration, 0, 1) : 0,
    };
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { "Content-Type": "application/json", "X-CSRFToken": cookie("csrftoken") },
      body: JSON.stringify(body),
    }).catch(() => {});
  }
}
