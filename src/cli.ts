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
  // Inside the OS sandbox, as the relay to its network proxy (src/sandbox/relay.ts): nothing else loads.
  if (process.env.NANOCODE_SANDBOX_RELAY !== undefined) return (await import("./sandbox/relay.ts")).relay(argv);
  const { runCli } = await import("./cli/main.ts");
  return runCli(argv);
}

// A promise rejected with no one waiting (a user's tool module may leave one) is one line, and the
// run goes on; Bun's default prints the module's source and a stack, then exits with no result.
// An exception thrown from a timer or callback may have left anything half done: one line, exit 70
// (the session file holds every complete step).
process.on("unhandledRejection", (error) => reportUncaught(error, "error nothing caught (ignored)"));
process.on("uncaughtException", (error) => {
  reportUncaught(error);
  process.exit(70);
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    reportUncaught(error);
    process.exit(70);
  },
);
