// Runs a Python script on the vendored MicroPython (PyScript's build) under Node.js:
//   node tests/mpy/run.mjs <dir>[,<dir>...] <script.py>
// Each dir's files are copied to /lib (on sys.path) first; static/js/boot.js's helpers are loaded
// (sdZoneWall for py/mpy/zoneinfo.py). Exit 1 with the error on stderr when the script fails.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
await import(pathToFileURL(path.join(root, "static/js/boot.js")).href);
const { loadMicroPython } = await import(pathToFileURL(path.join(root, "static/vendor/micropython/micropython.mjs")).href);
const mp = await loadMicroPython({
  stdout: (line) => process.stdout.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});

function copy(src, dst) {
  for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
    if (entry.name === "__pycache__") continue;
    const from = path.join(src, entry.name), to = dst + "/" + entry.name;
    if (entry.isDirectory()) {
      try { mp.FS.mkdir(to); } catch (e) { /* exists */ }
      copy(from, to);
    } else {
      mp.FS.writeFile(to, fs.readFileSync(from));
    }
  }
}
try { mp.FS.mkdir("/lib"); } catch (e) { /* exists */ }
for (const dir of process.argv[2].split(",")) copy(dir, "/lib");
try {
  await mp.runPythonAsync(fs.readFileSync(process.argv[3], "utf8"));
} catch (e) {
  process.stderr.write(String(e && e.message || e) + "\n");
  process.exit(1);
}
