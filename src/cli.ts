#!/usr/bin/env bun
import pkg from "../package.json" with { type: "json" };
import { reportUncaught } from "./cli/crash.ts";

// `--bytecode` builds reject top-level await, so everything runs inside main().
async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  // The fast path: answer --version before loading anything else.
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    process.stdout.write(`${pkg.version} (nanocode)\n`);
    return 0;
  }
  const { runCli } = await import("./cli/main.ts");
  return runCli(argv);
}

// A user's tool module may leave a promise rejected or throw from a timer: one line, and the run
// goes on (Bun's default prints the module's source and a stack, then exits with no result).
process.on("unhandledRejection", (error) => reportUncaught(error, "error nothing caught (ignored)"));
process.on("uncaughtException", (error) => reportUncaught(error, "error nothing caught (ignored)"));

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    reportUncaught(error);
    process.exit(70);
  },
);
