// Preloaded for every test run (bunfig.toml).
import { afterAll, afterEach, setDefaultTimeout } from "bun:test";
import { endWithThisProcess } from "../../src/shell/session-processes.ts";
import { endLeftovers, endOrphanedTmuxServers, endTestThings, killTmuxServer, tmuxSocket } from "./cleanup.ts";
import { removeTempDirs } from "./tmp.ts";

// End-to-end tests drive the binary in a terminal and wait for the screen with their own
// deadlines (10 s); Bun's 5 s default would cut them first on a loaded machine. The suite's 30 s
// comes from `bun test --timeout 30000` (package.json's test script, which CI runs): Bun 1.4 keeps
// a preload's setDefaultTimeout for the first test file only (oven-sh/bun#43787) and does not read
// bunfig's [test] timeout. The call here covers `bun test <one file>` while iterating.
setDefaultTimeout(30_000);

// Every process the run starts ends with it, orphans and daemons (tmux) included: the runner
// adopts them (see src/shell/session-processes.ts), so the last hook can name any left running.
endWithThisProcess();
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
// A run stopped before its hooks (Ctrl+C, SIGTERM, SIGHUP exit through it) still ends its terminals.
process.on("exit", endRun);
