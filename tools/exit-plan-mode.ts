import { defineTool, v } from "nanocode";

const approved = (plan: string, mode: string) =>
  `User has approved your plan. You can now start coding (permission mode: ${mode}). Start with updating your todo list if applicable.\n\nYour plan:\n${plan}`;

export default defineTool({
  name: "ExitPlanMode",
  description:
    "In plan mode, when your plan is ready: present it to the user for approval. Give the whole plan in Markdown: the steps, the files to change and how to verify. If approved, plan mode ends and you may change files; if not, stay in plan mode and revise it with the user's feedback. Use it only for plans of code changes, not for research.",
  input: v.object({ plan: v.pipe(v.string(), v.minLength(1), v.description("The plan, in Markdown")) }),
  // It changes no files itself; it runs alone because it ends plan mode for the calls after it.
  readOnly: true,
  concurrency: () => ({ exclusive: true }),
  async run({ plan }, ctx) {
    const modes = ctx.agent?.modes;
    if (!modes) return { content: "Plan mode is not available here (sub-agents follow their parent's mode).", isError: true };
    if (modes.current !== "plan") return { content: "Not in plan mode: there is nothing to approve. Go ahead with the task.", isError: true };
    const user = ctx.agent?.user;
    // Print mode: nobody can approve. Plan mode the model entered itself ends, back to the mode the
    // run's flags gave; plan mode the user chose is theirs to end, never the model's.
    if (!user && modes.planByModel) return approved(plan, modes.leavePlan());
    if (!user) return { content: "Plan mode was chosen by the user, and nobody is here to approve leaving it (print mode): it stays on. Do not change anything; give the plan as your answer.", isError: true };
    const decision = await user.approvePlan(plan, ctx.signal);
    if (decision.approved) return approved(plan, modes.leavePlan(decision.mode));
    const feedback = decision.feedback?.trim();
    return {
      content: `The user did not approve the plan; plan mode stays on.${feedback ? ` Their feedback:\n${feedback}` : " Ask them what to change."}\nRevise the plan (read-only tools only) and present it again with ExitPlanMode.`,
      isError: true,
    };
  },
});
