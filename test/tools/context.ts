// A ToolContext for calling tools directly in unit tests, and a shortcut that runs a tool the way
// the executor does (input validated by the tool's schema, errors turned into error results).
import * as v from "valibot";
import { TaskBoard } from "../../src/agents/tasks.ts";
import { FileState } from "../../src/fs/file-state.ts";
import type { AgentCapabilities } from "../../src/registry/agent-api.ts";
import type { Tool, ToolContent, ToolContext } from "../../src/registry/define.ts";
import { tempDir } from "../support/tmp.ts";

export type TestContext = ToolContext & { cwd: string };

let ids = 0;

export function toolContext(cwd = tempDir(), files = new FileState()): TestContext {
  const ctx = {
    cwd,
    setCwd(dir: string) {
      ctx.cwd = dir;
    },
    signal: new AbortController().signal,
    toolUseId: "toolu_test",
    sessionId: "test-session",
    sessionDir: `${cwd}/.session`,
    files,
    canRead: (_path: string) => true,
    progress() {},
    ask: async () => false,
    // Only the background task board: what Bash and TaskStop use.
    agent: { tasks: new TaskBoard() } as unknown as AgentCapabilities,
  };
  return ctx;
}

export type Result = { text: string; isError: boolean; content: ToolContent };

export async function call(tool: Tool, input: unknown, ctx: ToolContext): Promise<Result> {
  const parsed = v.parse(tool.input, input);
  const withId = Object.create(ctx, { toolUseId: { value: `toolu_test_${++ids}` } }) as ToolContext;
  try {
    const out = await tool.run(parsed, withId);
    const { content, isError } = typeof out === "string" || Array.isArray(out) ? { content: out, isError: false } : { content: out.content, isError: out.isError ?? false };
    const text = typeof content === "string" ? content : content.map((b) => (b.type === "text" ? b.text : `[${b.type}]`)).join("\n");
    return { text, isError, content };
  } catch (error) {
    return { text: (error as Error).message, isError: true, content: (error as Error).message };
  }
}
