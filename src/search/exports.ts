// Search helpers tools get from the `nanocode` module (Glob, Grep, users' tools).
export { splitGlobs } from "./file-filter.ts";
export { comparePaths } from "./format.ts";
export { chooseEngine, type Engine, grep } from "./grep.ts";
export type { GrepQuery } from "./query.ts";
export { VCS_DIRS, walkFiles } from "./walk.ts";
export { type GlobMatch, globFiles } from "./glob-files.ts";
