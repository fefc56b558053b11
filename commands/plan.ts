import { defineCommand } from "nanocode";

export default defineCommand({
  name: "plan",
  argumentHint: "[task]",
  description: "Enter plan mode (read-only tools until you approve a plan); with a task, start planning it",
  async run(args, ctx) {
    const task = args.trim();
    // The REPL switches its own mode (status line included); print mode switches the session it opened for the task.
    if (ctx.ui) ctx.ui.setPermissionMode("plan");
    else {
      const modes = (await ctx.session?.())?.modes;
      if (!modes) return "Plan mode needs a session.";
      modes.set("plan");
      if (!task) return "Plan mode needs a task in print mode: /plan <task>, or use --permission-mode plan.";
    }
    if (task) return { prompt: task };
    return "Plan mode on: nanocode reads and plans, and asks before changing anything. Shift+Tab leaves it.";
  },
});
