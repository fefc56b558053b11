#!/usr/bin/env bun
import pkg from "../package.json" with { type: "json" };

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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`nanocode: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(70);
  },
);
