// Preloaded for every test run (bunfig.toml): one hook after all test files.
import { afterAll } from "bun:test";
import { removeTempDirs } from "./tmp.ts";

afterAll(removeTempDirs);
