// Preloaded for every test run (bunfig.toml).
import { afterAll, setDefaultTimeout } from "bun:test";
import { removeTempDirs } from "./tmp.ts";

// End-to-end tests drive the binary in a terminal and wait for the screen with their own
// deadlines (10 s); Bun's 5 s default would cut them first on a loaded machine. The suite's 30 s
// comes from `bun test --timeout 30000` (package.json's test script, which CI runs): Bun 1.4 keeps
// a preload's setDefaultTimeout for the first test file only (oven-sh/bun#43787) and does not read
// bunfig's [test] timeout. The call here covers `bun test <one file>` while iterating.
setDefaultTimeout(30_000);

afterAll(removeTempDirs);
