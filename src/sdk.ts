// The library entry of the `nanocode` npm package: run nanocode from a program. Built to plain
// JavaScript with type declarations (scripts/build.ts); works in Node and Bun.

export type * from "./print/messages.ts";
export { findNanocode, platformName } from "./sdk/executable.ts";
export type { AgentDefinition, Options, PermissionMode } from "./sdk/options.ts";
export { type Query, query, type SDKUserInput } from "./sdk/query.ts";
