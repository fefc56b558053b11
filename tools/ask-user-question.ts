import { defineTool, v } from "nanocode";

const Option = v.object({
  label: v.pipe(v.string(), v.minLength(1), v.description("The choice, in 1-5 words")),
  description: v.optional(v.pipe(v.string(), v.description("What this choice means or implies"))),
});

const Question = v.object({
  question: v.pipe(v.string(), v.minLength(1), v.description("The full question, ending with a question mark")),
  header: v.pipe(v.string(), v.description("A very short label shown as a chip, at most 12 characters")),
  options: v.pipe(v.array(Option), v.minLength(2), v.maxLength(4), v.description("2-4 choices; the user can always answer in their own words instead")),
  multiSelect: v.optional(v.pipe(v.boolean(), v.description("Allow choosing several options")), false),
});

const Input = v.pipe(
  v.object({
    questions: v.pipe(v.array(Question), v.minLength(1), v.maxLength(4), v.description("1-4 questions to ask")),
    // Filled in by Claude Code's own UI; accepted so its calls validate.
    answers: v.optional(v.record(v.string(), v.string())),
    metadata: v.optional(v.looseObject({ source: v.optional(v.string()) })),
  }),
  v.check(({ questions }) => new Set(questions.map((q) => q.question)).size === questions.length, "question texts must be unique"),
);

export const NOT_INTERACTIVE =
  "AskUserQuestion is not available: nanocode is running non-interactively, so no one can answer. Do not ask again. Proceed on your best judgement: choose the most reasonable option, state the assumption you made in your answer, and continue with the task.";

export default defineTool({
  name: "AskUserQuestion",
  description:
    "Ask the user 1-4 multiple-choice questions when you need their preference or a decision to go on: an ambiguous request, a choice between approaches, a missing requirement. Each question has 2-4 options; the user may also answer in their own words. Do not use it to ask for approval of a plan (ExitPlanMode does that) or for things you can find out yourself.",
  input: Input,
  // It changes nothing; it runs alone so two sets of questions never compete for the screen.
  readOnly: true,
  concurrency: () => ({ exclusive: true }),
  async run({ questions }, ctx) {
    const user = ctx.agent?.user;
    if (!user) return { content: NOT_INTERACTIVE, isError: true };
    const answers = await user.askQuestions(questions, ctx.signal);
    if (!answers) return { content: "The user dismissed the questions without answering. Ask them in plain text what they want, or proceed on your best judgement if the task allows it.", isError: true };
    const pairs = questions.map((q) => `"${q.question}"="${answers[q.question] ?? "(no answer)"}"`);
    return `User has answered your questions: ${pairs.join(", ")}. You can now continue with the user's answers in mind.`;
  },
});
