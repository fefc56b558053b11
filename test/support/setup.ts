// Preloaded for every test run (bunfig.toml).
import { afterAll, afterEach, setDefaultTimeout } from "bun:test";
import { endLeftovers, endOrphanedTmuxServers, endTestThings, killTmuxServer, RUN_MARK, tmuxSocket } from "./cleanup.ts";
import { removeTempDirs } from "./tmp.ts";

// End-to-end tests drive the binary in a terminal and wait for the screen with their own
// deadlines (10 s); Bun's 5 s default would cut them first on a loaded machine. The suite's 30 s
// comes from `bun test --timeout 30000` (package.json's test script, which CI runs): Bun 1.4 keeps
// a preload's setDefaultTimeout for the first test file only (oven-sh/bun#43787) and does not read
// bunfig's [test] timeout. The call here covers `bun test <one file>` while iterating.
setDefaultTimeout(30_000);

// Processes started with the runner's environment (tmux and its panes among them) carry this.
process.env[RUN_MARK] = crypto.randomUUID();
endOrphanedTmuxServers();

const endRun = () => {
  endTestThings();
  killTmuxServer(tmuxSocket(process.pid));
};
afterEach(endTestThings);
// Removing a full run's folders takes long on a busy machine (it once took 47 s): give it time.
afterAll(
  async () => {
    endRun();
    removeTempDirs();
    await endLeftovers();
  },
  { timeout: 180_000 },
);
// A run stopped before its hooks (Ctrl+C, a kill) still ends its terminals.
process.on("exit", endRun);
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) process.on(signal, () => process.exit(code));
