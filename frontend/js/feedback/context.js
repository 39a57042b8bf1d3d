// The context of a piece of feedback that only the browser knows.

// Return the current time (seconds) of the recording the person is watching: the Studio
// player's video that plays, else the first one started; null when no recording has started.
export function playingMediaTime(scope) {
  const videos = [...scope.querySelectorAll("video[data-player-video], video, audio")];
  const playing = videos.find((video) => !video.paused && !video.ended);
  const started = playing ?? videos.find((video) => video.currentTime > 0);
  return started ? started.currentTime : null;
}

export function formatTime(seconds) {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
