import { defineTool, v } from "nanocode";

const DEFAULT_WAIT_MS = 30_000;

export default defineTool({
  name: "TaskOutput",
  description:
    "Get the output of a background task (an agent started with run_in_background, a background shell) by its task_id. With block (default true) it waits for the task to finish, up to timeout ms; with block false it returns what the task has produced so far.",
  input: v.object({
    task_id: v.pipe(v.string(), v.description("The ID of the background task")),
    block: v.optional(v.pipe(v.boolean(), v.description("Wait for the task to finish (default true)")), true),
    timeout: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(600_000), v.description("How long to wait, in ms (default 30000, max 600000)")), DEFAULT_WAIT_MS),
  }),
  readOnly: true,
  async run({ task_id, block, timeout }, ctx) {
    const tasks = ctx.agent?.tasks;
    const task = tasks?.get(task_id);
    if (!task) {
      const running = tasks?.list().filter((t) => t.state === "running") ?? [];
      const known = running.length ? ` Running tasks: ${running.map((t) => `${t.id} (${t.description})`).join(", ")}.` : " No task is running.";
      return { content: `No background task found with ID: ${task_id}.${known}`, isError: true };
    }
    if (block && task.state === "running") {
      let timer: Timer | undefined;
      let onAbort = () => {};
      await Promise.race([
        task.done,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeout);
          onAbort = resolve;
          ctx.signal.addEventListener("abort", onAbort, { once: true });
        }),
      ]);
      clearTimeout(timer);
      ctx.signal.removeEventListener("abort", onAbort);
    }
    const note = task.state === "running" ? `\n<note>Still running${block ? ` after waiting ${Math.round(timeout / 1000)}s` : ""}: call TaskOutput again later.</note>` : "";
    return `<task_id>${task.id}</task_id>\n<task_type>${task.kind}</task_type>\n<description>${task.description}</description>\n<status>${task.state}</status>${note}\n<output>\n${task.output}\n</output>`;
  },
});
