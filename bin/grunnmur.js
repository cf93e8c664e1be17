#!/usr/bin/env node
// Runs the compiled CLI; `npm ci` compiles it (the "prepare" script).
const path = require("node:path");
const fs = require("node:fs");
const cli = path.join(__dirname, "..", "dist", "scripts", "cli.js");
if (!fs.existsSync(cli)) {
  console.error('grunnmur is not built yet: run "npm ci" (or "npm run build") in the repository first.');
  process.exit(2);
}
require(cli)
  .main(process.argv.slice(2))
  .then(
    (code) => { process.exitCode = code; },
    (err) => { console.error(err && err.stack ? err.stack : String(err)); process.exitCode = 1; },
  );
