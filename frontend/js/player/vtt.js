// A minimal WebVTT reader for the metadata files the player needs itself (chapters and the
// thumbnail sprite index); captions go through the browser's own <track> parser.

const TIMING = /^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})/;

/** Return a WebVTT timestamp (hh:mm:ss.ttt or mm:ss.ttt) in seconds. */
export function parseTimestamp(text) {
  const parts = text.replace(",", ".").split(":").map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** Return the cues of a WebVTT text as [{start, end, text}]. */
export function parseVtt(source) {
  const cues = [];
  for (const block of source.replace(/\r\n?/g, "\n").split(/\n{2,}/)) {
    const lines = block.split("\n");
    const index = lines.findIndex((line) => TIMING.test(line));
    if (index === -1) continue;
    const [, start, end] = lines[index].match(TIMING);
    cues.push({
      start: parseTimestamp(start),
      end: parseTimestamp(end),
      text: lines.slice(index + 1).join("\n").trim(),
    });
  }
  return cues;
}

/** Fetch and parse a WebVTT file; resolve to [] when it cannot be read. */
export async function loadVtt(url) {
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    return response.ok ? parseVtt(await response.text()) : [];
  } catch {
    return [];
  }
}

/** Return the thumbnail cues with their sprite URL and #xywh rectangle resolved. */
export function thumbnailCues(cues, baseUrl) {
  return cues.flatMap((cue) => {
    const [path, fragment = ""] = cue.text.split("#");
    const match = fragment.match(/xywh=(\d+),(\d+),(\d+),(\d+)/);
    if (!path || !match) return [];
    const [x, y, w, h] = match.slice(1).map(Number);
    return [{ ...cue, url: new URL(path, baseUrl).href, x, y, w, h }];
  });
}

/** Return the cue covering `time`, or null. */
export function cueAt(cues, time) {
  return cues.find((cue) => time >= cue.start && time < cue.end) ?? null;
}
