// What this browser can do, checked without loading three.js or Omnitone (the player imports
// them only when a recording needs them).
import Hls from "hls.js";

const OPUS_MSE = 'audio/mp4; codecs="opus"';

/** Return true when this browser can give us a WebGL 2 context (three.js needs it). */
export function hasWebGL() {
  try {
    const canvas = document.createElement("canvas");
    return Boolean(window.WebGL2RenderingContext && canvas.getContext("webgl2"));
  } catch {
    return false;
  }
}

/** Return true when this browser can play the ambisonic rendition at `url` in Web Audio. */
export function canPlaySpatial(url) {
  return Boolean(
    url &&
      Hls.isSupported() &&
      window.MediaSource?.isTypeSupported?.(OPUS_MSE) &&
      (window.AudioContext || window.webkitAudioContext) &&
      !isMobile(),
  );
}

function isMobile() {
  // Most mobile browsers cannot decode more than 3 compressed channels in a media element.
  return navigator.userAgentData?.mobile ?? /Android|iPhone|iPad|iPod/i.test(navigator.userAgent);
}

/** Return true in Safari, which orders the channels of 4-channel audio differently. */
export function isSafari() {
  const ua = navigator.userAgent;
  return /Safari\//.test(ua) && !/Chrom(e|ium)\/|Edg\//.test(ua);
}
