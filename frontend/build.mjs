// Bundle the front-end sources into static/dist/, where Django's staticfiles finds them.
// Usage: `npm run build` (minified, with source maps) or `npm run watch` while developing.
import * as esbuild from "esbuild";

// One entry per bundle; other sections add theirs here (e.g. the 360° player, the uploader).
const entryPoints = [
  { in: "frontend/js/main.js", out: "main" },
  { in: "frontend/css/main.css", out: "main" },
  { in: "frontend/js/upload/index.js", out: "upload" },
  // The Studio player's styles; its script is the ES module bundle below.
  { in: "frontend/css/player.css", out: "player" },
  // The live status of a recording's processing in the admin.
  { in: "frontend/js/studio/status.js", out: "studio-status" },
  { in: "frontend/js/hub-community/index.js", out: "hub-community" },
  // The Learning Hub: search filters, copy of attribution texts, and its styles (hub.css).
  { in: "frontend/js/hub/index.js", out: "hub" },
  { in: "frontend/js/campus/lesson.js", out: "campus" },
  { in: "frontend/css/campus.css", out: "campus" },
  { in: "frontend/js/assignments/index.js", out: "assignments" }, { in: "frontend/css/assignments.css", out: "assignments" },
  { in: "frontend/js/feedback/index.js", out: "feedback" },
];

const options = {
  entryPoints,
  outdir: "static/dist",
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  logLevel: "info",
};

// The Studio player is an ES module (player.html loads it with type="module") split into
// chunks, so that a flat video does not download three.js and Omnitone: the 360° view and
// spatial sound are imported when a recording needs them.
const playerOptions = {
  ...options,
  entryPoints: [{ in: "frontend/js/player/index.js", out: "player" }],
  format: "esm",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
};

if (process.argv.includes("--watch")) {
  for (const each of [options, playerOptions]) {
    const context = await esbuild.context(each);
    await context.watch();
  }
} else {
  await Promise.all([esbuild.build(options), esbuild.build(playerOptions)]);
}
