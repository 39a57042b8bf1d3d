// Bundle the front-end sources into static/dist/, where Django's staticfiles finds them.
// Usage: `npm run build` (minified, with source maps) or `npm run watch` while developing.
import * as esbuild from "esbuild";

// One entry per bundle; other sections add theirs here (e.g. the 360° player, the uploader).
const entryPoints = [
  { in: "frontend/js/main.js", out: "main" },
  { in: "frontend/css/main.css", out: "main" },
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

if (process.argv.includes("--watch")) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
