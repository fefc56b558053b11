import { defineTool, v } from "nanocode";

export default defineTool({
  name: "EnterPlanMode",
  description:
    "Switch to plan mode before a large or unclear change: explore the code with read-only tools and design the approach, without changing anything, then present the plan with ExitPlanMode for the user's approval. Use it when the task touches many files, has several reasonable approaches, or the user asked for a plan; not for small, clear changes.",
  input: v.object({}),
  // It changes no files; it runs alone because it changes what the calls after it may do.
  readOnly: true,
  concurrency: () => ({ exclusive: true }),
  run(_input, ctx) {
    const modes = ctx.agent?.modes;
    if (!modes) return { content: "Plan mode is not available here (sub-agents follow their parent's mode).", isError: true };
    if (modes.current === "plan") return "Already in plan mode. Keep exploring with read-only tools, then present the plan with ExitPlanMode.";
    modes.set("plan", "model");
    return "Entered plan mode. Explore the codebase with read-only tools (Read, Glob, Grep, read-only shell commands) and design an implementation approach; do not change any file. When the plan is ready, present it with ExitPlanMode to ask the user to approve it.";
  },
});
