// Preloaded for every test run (bunfig.toml).
import { afterAll, setDefaultTimeout } from "bun:test";
import { removeTempDirs } from "./tmp.ts";

// End-to-end tests drive the binary in a terminal and wait for the screen with their own
// deadlines (10 s); Bun's 5 s default would cut them first on a loaded machine. (bunfig's
// [test] timeout is not read by Bun 1.4.)
setDefaultTimeout(30_000);

afterAll(removeTempDirs);
