import { defineTool, v } from "nanocode";

const Todo = v.object({
  content: v.pipe(v.string(), v.minLength(1), v.description("The task, in the imperative: \"Run the tests\"")),
  status: v.picklist(["pending", "in_progress", "completed"]),
  activeForm: v.pipe(v.string(), v.minLength(1), v.description("The task in the present continuous, shown while it runs: \"Running the tests\"")),
});

export default defineTool({
  name: "TodoWrite",
  description: `Create and update the todo list of this session: the user sees it, and it keeps you on track through long tasks. Send the whole list each time.

Use it for work of three or more steps, when the user gives several tasks, or when new steps turn up along the way. Skip it for a single simple step or a question.
- Mark a task in_progress before you start it, and keep exactly one task in_progress at a time.
- Mark a task completed as soon as it is fully done: not when tests fail, the work is partial or you are blocked (then add a task for what blocks you).
- Remove tasks that no longer matter.`,
  input: v.object({ todos: v.pipe(v.array(Todo), v.description("The updated todo list")) }),
  // It changes no files: the list is session state, so it never needs approval.
  readOnly: true,
  run({ todos }, ctx) {
    ctx.agent?.todos.set(todos);
    return "Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress. Please proceed with the current tasks if applicable";
  },
});
