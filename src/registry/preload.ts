// Registered by bunfig.toml for `bun run` and `bun test`; scripts/build.ts does the same for the binary.
import { plugin } from "bun";
import { builtinPlugin } from "./builtin-plugin.ts";

plugin(builtinPlugin);
