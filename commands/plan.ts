import { defineCommand } from "nanocode";

export default defineCommand({
  name: "plan",
  argumentHint: "[task]",
  description: "Enter plan mode (read-only tools until you approve a plan); with a task, start planning it",
  run(args, ctx) {
    if (!ctx.ui) return "/plan works in the interactive session; use --permission-mode plan in print mode.";
    ctx.ui.setPermissionMode("plan");
    if (args.trim()) return { prompt: args.trim() };
    return "Plan mode on: nanocode reads and plans, and asks before changing anything. Shift+Tab leaves it.";
  },
});
