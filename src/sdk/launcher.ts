// `nanocode` as installed by `npm i -g nanocode`: finds the native binary that npm installed from
// the platform package (an optional dependency) and runs it with the same arguments and stdio.
import { spawnSync } from "node:child_process";
import { DEFAULT_RELEASE_URL } from "../update/release-url.ts";
import { lacksAvx2, platformBinary, platformName } from "./executable.ts";

const INSTALL = `curl -fsSL ${DEFAULT_RELEASE_URL}/install.sh | sh`;

function main(): number {
  const binary = process.env.NANOCODE_BIN || platformBinary();
  if (!binary) {
    process.stderr.write(
      `nanocode: no binary for ${platformName()}: the package nanocode-${platformName()} is not installed.\n` +
        `Reinstall without --omit=optional / --no-optional, or install the standalone binary: ${INSTALL}\n`,
    );
    return 1;
  }
  if (lacksAvx2() && !binary.includes("baseline")) {
    process.stderr.write(`nanocode: this CPU has no AVX2; if nanocode crashes, install the baseline build: ${INSTALL}\n`);
  }
  const run = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
  if (run.error) {
    process.stderr.write(`nanocode: cannot run ${binary}: ${run.error.message}\n`);
    return 1;
  }
  if (run.signal) process.kill(process.pid, run.signal);
  return run.status ?? 1;
}

process.exitCode = main();
