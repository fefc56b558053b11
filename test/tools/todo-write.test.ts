import { expect, test } from "bun:test";
import * as v from "valibot";
import { SessionTodos } from "../../src/agents/todos.ts";
import type { AgentCapabilities } from "../../src/registry/agent-api.ts";
import todoWrite from "../../tools/todo-write.ts";
import { toolContext } from "./context.ts";

const withAgent = (agent: AgentCapabilities) => ({ ...toolContext(), agent });

const capabilities = (todos = new SessionTodos()) => ({ todos }) as unknown as AgentCapabilities;

test("the list replaces the session's list and the change is announced", async () => {
  const todos = new SessionTodos();
  const seen: number[] = [];
  todos.onChange((items) => seen.push(items.length));
  const list = [
    { content: "Fix the bug", status: "in_progress" as const, activeForm: "Fixing the bug" },
    { content: "Run the tests", status: "pending" as const, activeForm: "Running the tests" },
  ];
  const result = await todoWrite.run({ todos: list }, withAgent(capabilities(todos)));
  expect(result).toStartWith("Todos have been modified successfully.");
  expect(todos.items).toEqual(list);
  expect(seen).toEqual([2]);
});

test("a list with every item completed is cleared", () => {
  const todos = new SessionTodos();
  todos.set([{ content: "a", status: "completed", activeForm: "doing a" }]);
  expect(todos.items).toEqual([]);
});

test("the schema takes Claude Code's fields and refuses empty text or unknown statuses", () => {
  const ok = v.safeParse(todoWrite.input, { todos: [{ content: "x", status: "pending", activeForm: "xing" }] });
  expect(ok.success).toBe(true);
  expect(v.safeParse(todoWrite.input, { todos: [{ content: "", status: "pending", activeForm: "x" }] }).success).toBe(false);
  expect(v.safeParse(todoWrite.input, { todos: [{ content: "x", status: "done", activeForm: "x" }] }).success).toBe(false);
});
