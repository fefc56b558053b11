import { defineTool, v } from "nanocode";

const Todo = v.object({
  content: v.pipe(v.string(), v.minLength(1), v.description("Imperative: \"Run the tests\"")),
  status: v.picklist(["pending", "in_progress", "completed"]),
  activeForm: v.pipe(v.string(), v.minLength(1), v.description("Present continuous, shown while it runs: \"Running the tests\"")),
});

export default defineTool({
  name: "TodoWrite",
  description: `The session's todo list, shown to the user; send the whole list each time. Use it for tasks of three or more steps or several requests, not for one simple step or a question.
- Set a task in_progress before you start it; keep exactly one in_progress.
- Mark a task completed as soon as it is fully done, never while tests fail or the work is partial (add a task for what blocks you).
- Remove tasks that no longer matter.`,
  input: v.object({ todos: v.pipe(v.array(Todo), v.description("The updated todo list")) }),
  // It changes no files: the list is session state, so it never needs approval.
  readOnly: true,
  run({ todos }, ctx) {
    ctx.agent?.todos.set(todos);
    return "Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress. Please proceed with the current tasks if applicable";
  },
});
