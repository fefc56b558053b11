import { expect, test } from "bun:test";
import { DEFAULT_THINKING_BUDGET, effortThinking, thinkingSetup } from "../../src/agents/thinking.ts";

const none = { settings: {} };

test("off unless asked; the flag, a budget or the settings turn it on", () => {
  expect(thinkingSetup("claude-sonnet-5-5", 32_000, none)).toEqual({ maxTokens: 32_000 });
  expect(thinkingSetup("claude-sonnet-5-5", 32_000, { flag: true, settings: {} }).thinking).toEqual({ type: "enabled", budget_tokens: DEFAULT_THINKING_BUDGET });
  expect(thinkingSetup("claude-sonnet-5-5", 32_000, { envBudget: "5000", settings: {} }).thinking).toEqual({ type: "enabled", budget_tokens: 5000 });
  expect(thinkingSetup("claude-sonnet-5-5", 32_000, { settings: { alwaysThinkingEnabled: true, thinkingBudget: 3000 } }).thinking).toEqual({ type: "enabled", budget_tokens: 3000 });
});

test("the flag's budget wins over the environment's, which wins over the settings'; 0 is off", () => {
  const all = { flagBudget: 2000, envBudget: "3000", settings: { thinkingBudget: 4000 } };
  expect(thinkingSetup("claude-sonnet-5-5", 32_000, all).thinking).toEqual({ type: "enabled", budget_tokens: 2000 });
  expect(thinkingSetup("claude-sonnet-5-5", 32_000, { ...all, flagBudget: undefined }).thinking).toEqual({ type: "enabled", budget_tokens: 3000 });
  expect(thinkingSetup("claude-sonnet-5-5", 32_000, { flag: true, flagBudget: 0, settings: { alwaysThinkingEnabled: true } }).thinking).toBeUndefined();
});

test("max_tokens makes room for the budget and an answer within the model's limit; tiny budgets are raised", () => {
  expect(thinkingSetup("claude-sonnet-5-5", 32_000, { flagBudget: 60_000, settings: {} })).toEqual({ thinking: { type: "enabled", budget_tokens: 60_000 }, maxTokens: 68_000 });
  expect(thinkingSetup("claude-sonnet-4-5", 32_000, { flagBudget: 100_000, settings: {} })).toEqual({ thinking: { type: "enabled", budget_tokens: 56_000 }, maxTokens: 64_000 });
  expect(thinkingSetup("claude-sonnet-5-5", 32_000, { flagBudget: 10, settings: {} }).thinking).toEqual({ type: "enabled", budget_tokens: 1024 });
});

test("a model that cannot think runs without it, and says so", () => {
  const setup = thinkingSetup("qwen2.5-coder", 32_000, { flag: true, settings: {} });
  expect(setup.thinking).toBeUndefined();
  expect(setup.notice).toBe("qwen2.5-coder does not support extended thinking; running without it");
});

test("effort levels are thinking budgets within the model's limits; a model that cannot think gets none", () => {
  const budget = (effort: Parameters<typeof effortThinking>[0], model = "claude-haiku-4-5") => effortThinking(effort, model, 32_000).thinking;
  expect(budget("low")).toBeUndefined();
  expect(budget("medium")).toEqual({ type: "enabled", budget_tokens: 8_000 });
  expect(budget("high")).toEqual({ type: "enabled", budget_tokens: 16_000 });
  expect(budget("xhigh")).toEqual({ type: "enabled", budget_tokens: 32_000 });
  expect(effortThinking("max", "claude-haiku-4-5", 32_000)).toEqual({ thinking: { type: "enabled", budget_tokens: 56_000 }, maxTokens: 64_000 });
  expect(budget("max", "some-local-model")).toBeUndefined();
});
