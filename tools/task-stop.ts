import { defineTool, v } from "nanocode";

export default defineTool({
  name: "TaskStop",
  description: "Stop a background task (a Bash command started with run_in_background, or a background agent) by its ID. A shell's output file stays readable.",
  input: v.pipe(
    v.object({
      task_id: v.optional(v.pipe(v.string(), v.description("The ID of the background task to stop"))),
      shell_id: v.optional(v.pipe(v.string(), v.description("Deprecated: use task_id"))),
    }),
    v.check((input) => Boolean(input.task_id ?? input.shell_id), "Give the task_id of the task to stop"),
  ),
  run({ task_id, shell_id }, ctx) {
    const tasks = ctx.agent?.tasks;
    if (!tasks) throw new Error("No background tasks exist outside an agent session.");
    const id = (task_id ?? shell_id)!;
    const task = tasks.get(id);
    if (!task) {
      const running = tasks.list().filter((t) => t.state === "running");
      const known = running.length ? ` Running tasks: ${running.map((t) => `${t.id} (${t.description})`).join(", ")}.` : " No task is running.";
      throw new Error(`No background task found with ID: ${id}.${known}`);
    }
    if (!tasks.stop(id)) throw new Error(`Task ${id} is not running (state: ${task.state}).`);
    return `Successfully stopped task: ${id} (${task.description})`;
  },
});
