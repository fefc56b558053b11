// A permission engine over a temporary project, and one call's decision as a string.
import { expect } from "bun:test";
import * as v from "valibot";
import { collectRules } from "../../src/permissions/create.ts";
import { type EngineOptions, PermissionEngine } from "../../src/permissions/engine.ts";
import type { PermissionMode } from "../../src/permissions/gate.ts";
import { defineTool, type Tool } from "../../src/registry/define.ts";
import { tempDir } from "../support/tmp.ts";

export const tool = (name: string, readOnly = false): Tool => defineTool({ name, description: name, input: v.any(), readOnly, run: () => "" });
export const Bash = tool("Bash");
export const Edit = tool("Edit");
export const Write = tool("Write");
export const Read = tool("Read", true);
export const WebFetch = tool("WebFetch");

export function engine(rules: { allow?: string[]; ask?: string[]; deny?: string[] } = {}, mode: PermissionMode = "default", extra: Partial<EngineOptions> = {}) {
  const project = extra.projectDir ?? tempDir();
  const { rules: parsed, problems } = collectRules([{ path: "settings.json", root: project, settings: { permissions: rules } }], { allowedTools: [], disallowedTools: [], addDir: [] });
  expect(problems).toEqual([]);
  return { project, engine: new PermissionEngine({ mode, rules: parsed, projectDir: project, ...extra }) };
}

const signal = new AbortController().signal;

/** "allow", or "deny: " and the message (print mode: a call that would ask is denied). */
export async function decide(e: PermissionEngine, t: Tool, input: Record<string, unknown>, cwd?: string) {
  const d = await e.check({ tool: t, input, readOnly: t.readOnly === true, toolUseId: "t1", cwd: cwd ?? (e as unknown as { options: EngineOptions }).options.projectDir }, signal);
  return d.behavior === "allow" ? "allow" : `deny: ${d.message}`;
}
