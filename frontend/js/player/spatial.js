// Spatial sound: the 4-channel ambisonic (AmbiX) Opus rendition, played by its own hidden
// <audio> element and hls.js instance (one SourceBuffer cannot switch from the AAC group to
// Opus), decoded binaurally by Omnitone following the view, and kept in step with the video.
import Hls from "hls.js";
import Omnitone from "omnitone/build/omnitone.esm.js";
import { isSafari } from "./support.js";

const MAX_DRIFT = 0.1; // seconds
const SYNC_INTERVAL = 500; // milliseconds

export class SpatialAudio {
  constructor(video, url, host, { onFail = () => {} } = {}) {
    this.onFail = onFail;
    this.video = video;
    this.url = url;
    this.host = host;
    this.volume = 1;
    this.muted = false;
    this.sync = this.sync.bind(this);
    this.follow = this.follow.bind(this);
  }

  /** Start the ambisonic element and its Web Audio graph; call it from a user gesture. */
  async start() {
    const Context = window.AudioContext || window.webkitAudioContext;
    this.context = new Context();
    this.audio = document.createElement("audio");
    this.audio.className = "player__ambisonic";
    this.audio.crossOrigin = "anonymous";
    this.audio.preload = "auto";
    this.audio.hidden = true;
    this.host.append(this.audio);
    this.hls = new Hls({ maxBufferLength: 30 });
    this.hls.on(Hls.Events.ERROR, (event, data) => {
      if (data.fatal) this.onFail(data);
    });
    this.hls.loadSource(this.url);
    this.hls.attachMedia(this.audio);
    const source = this.context.createMediaElementSource(this.audio);
    this.renderer = Omnitone.createFOARenderer(this.context, {
      channelMap: isSafari() ? [2, 0, 1, 3] : [0, 1, 2, 3],
    });
    await this.renderer.initialize();
    this.gain = this.context.createGain();
    source.connect(this.renderer.input);
    this.renderer.output.connect(this.gain);
    this.gain.connect(this.context.destination);
    this.applyVolume();
    for (const type of ["play", "pause", "seeked", "ratechange", "waiting", "playing"]) {
      this.video.addEventListener(type, this.follow);
    }
    this.timer = window.setInterval(this.sync, SYNC_INTERVAL);
    await this.context.resume();
    this.follow();
  }

  /** Mirror the video's state (play, pause, position, rate) on the ambisonic element. */
  follow() {
    if (!this.audio) return;
    this.audio.playbackRate = this.video.playbackRate;
    this.sync(true);
    const shouldPlay = !this.video.paused && !this.video.ended && this.video.readyState > 2;
    if (shouldPlay && this.audio.paused) {
      this.audio.play().catch(() => {});
    } else if (!shouldPlay && !this.audio.paused) {
      this.audio.pause();
    }
  }

  /** Move the ambisonic element to the video's time when they drift apart. */
  sync(force = false) {
    if (!this.audio) return;
    const drift = Math.abs(this.audio.currentTime - this.video.currentTime);
    if (drift > MAX_DRIFT || (force === true && drift > 0.04)) {
      this.audio.currentTime = this.video.currentTime;
    }
    if (!this.video.paused && this.audio.paused && this.video.readyState > 2) {
      this.audio.play().catch(() => {});
    }
  }

  /** Turn the sound field with the view: `matrix` is the camera's 4×4 world matrix. */
  rotate(matrix) {
    this.renderer?.setRotationMatrix4(matrix);
  }

  setVolume(volume, muted) {
    this.volume = volume;
    this.muted = muted;
    this.applyVolume();
  }

  applyVolume() {
    if (this.gain) this.gain.gain.value = this.muted ? 0 : this.volume;
  }

  stop() {
    window.clearInterval(this.timer);
    for (const type of ["play", "pause", "seeked", "ratechange", "waiting", "playing"]) {
      this.video.removeEventListener(type, this.follow);
    }
    this.hls?.destroy();
    this.audio?.pause();
    this.audio?.remove();
    this.context?.close();
    this.audio = this.hls = this.renderer = this.gain = this.context = null;
  }
}
