import { expect, test } from "bun:test";
import { TaskBoard } from "../../src/agents/tasks.ts";

test("a task's output grows while it runs and its returned text is the final output", async () => {
  const board = new TaskBoard();
  let finish!: () => void;
  const task = board.start("agent", "look around", async (_signal, write) => {
    write("step 1\n");
    await new Promise<void>((resolve) => (finish = resolve));
    return "the report";
  });
  expect(task.id).toStartWith("agent-");
  await Promise.resolve();
  expect(task.state).toBe("running");
  expect(task.output).toBe("step 1\n");
  finish();
  await task.done;
  expect(task.state).toBe("completed");
  expect(task.output).toBe("the report");
  expect(board.get(task.id)).toBe(task);
});

test("a failing task keeps its output and says why", async () => {
  const task = new TaskBoard().start("shell", "fail", async (_signal, write) => {
    write("partial");
    throw new Error("boom");
  });
  await task.done;
  expect(task.state).toBe("failed");
  expect(task.output).toBe("partial\nboom");
});

test("stop aborts the work and the task stays stopped", async () => {
  const board = new TaskBoard();
  const task = board.start("agent", "long", (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted")))));
  expect(board.stop(task.id)).toBe(true);
  await task.done;
  expect(task.state).toBe("stopped");
  expect(board.stop(task.id)).toBe(false);
  expect(board.stop("nope")).toBe(false);
});
