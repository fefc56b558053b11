import { expect, test } from "bun:test";
import * as v from "valibot";
import type { AgentCapabilities, Question, UserPrompts } from "../../src/registry/agent-api.ts";
import askUserQuestion, { NOT_INTERACTIVE } from "../../tools/ask-user-question.ts";
import { toolContext } from "./context.ts";

const withAgent = (agent: AgentCapabilities) => ({ ...toolContext(), agent });

const questions = [
  { question: "Which database?", header: "Database", options: [{ label: "SQLite" }, { label: "Postgres", description: "needs a server" }], multiSelect: false },
  { question: "Add tests?", header: "Tests", options: [{ label: "Yes" }, { label: "No" }], multiSelect: false },
];

test("without a user (print mode) the model is told to proceed on its best judgement", async () => {
  const result = await askUserQuestion.run({ questions }, withAgent({} as AgentCapabilities));
  expect(result).toEqual({ content: NOT_INTERACTIVE, isError: true });
  expect(NOT_INTERACTIVE).toContain("best judgement");
});

test("the user's answers go back to the model, question by question", async () => {
  let asked: Question[] = [];
  const user: UserPrompts = {
    askQuestions: async (qs) => {
      asked = qs;
      return { "Which database?": "SQLite", "Add tests?": "Yes" };
    },
    approvePlan: async () => ({ approved: true }),
  };
  const result = await askUserQuestion.run({ questions }, withAgent({ user } as AgentCapabilities));
  expect(asked).toEqual(questions);
  expect(result).toBe('User has answered your questions: "Which database?"="SQLite", "Add tests?"="Yes". You can now continue with the user\'s answers in mind.');
});

test("one to four questions of two to four options, with distinct texts", () => {
  const valid = (input: unknown) => v.safeParse(askUserQuestion.input, input).success;
  expect(valid({ questions })).toBe(true);
  expect(valid({ questions: [] })).toBe(false);
  expect(valid({ questions: [questions[0], questions[1], questions[0], questions[1], questions[0]] })).toBe(false);
  expect(valid({ questions: [{ ...questions[0], options: [{ label: "only" }] }] })).toBe(false);
  expect(valid({ questions: [questions[0], questions[0]] })).toBe(false);
  // Claude Code's own fields are accepted.
  expect(valid({ questions, answers: { "Which database?": "SQLite" }, metadata: { source: "x" } })).toBe(true);
});
