import { modelInfo } from "../model/models.ts";
import type { ModelRequest } from "../model/provider.ts";

/** The budget when thinking is turned on without one. */
export const DEFAULT_THINKING_BUDGET = 16_000;
/** The API's smallest budget. */
const MIN_BUDGET = 1024;
/** Room left for the answer itself, on top of the thinking budget. */
const ANSWER_TOKENS = 8_000;

export type ThinkingChoice = {
  /** --thinking */
  flag?: boolean;
  /** --max-thinking-tokens (0 turns thinking off). */
  flagBudget?: number;
  /** MAX_THINKING_TOKENS, as Claude Code reads it. */
  envBudget?: string;
  /** Settings: `alwaysThinkingEnabled` (Claude Code's key) and `thinkingBudget`. */
  settings: { alwaysThinkingEnabled?: boolean; thinkingBudget?: number };
};

export type ThinkingSetup = { thinking?: ModelRequest["thinking"]; maxTokens: number; notice?: string };

/**
 * Extended thinking for a session: on with --thinking, a budget (--max-thinking-tokens,
 * MAX_THINKING_TOKENS, settings `thinkingBudget`) or settings `alwaysThinkingEnabled`; a budget of
 * 0 turns it off. max_tokens grows to hold the budget plus an answer, within the model's limit.
 */
export function thinkingSetup(model: string, maxTokens: number, choice: ThinkingChoice): ThinkingSetup {
  const envBudget = choice.envBudget !== undefined && /^\d+$/.test(choice.envBudget) ? Number(choice.envBudget) : undefined;
  const budget = choice.flagBudget ?? envBudget ?? choice.settings.thinkingBudget;
  const on = budget !== undefined ? budget > 0 : choice.flag === true || choice.settings.alwaysThinkingEnabled === true;
  if (!on) return { maxTokens };
  const info = modelInfo(model);
  if (!info.thinking) return { maxTokens, notice: `${model} does not support extended thinking; running without it` };
  const room = info.maxOutput - ANSWER_TOKENS;
  const budgetTokens = Math.max(MIN_BUDGET, Math.min(budget ?? DEFAULT_THINKING_BUDGET, room));
  return { thinking: { type: "enabled", budget_tokens: budgetTokens }, maxTokens: Math.min(info.maxOutput, Math.max(maxTokens, budgetTokens + ANSWER_TOKENS)) };
}

/** Thinking budgets for Claude Code's effort levels: `low` does not think, `max` as much as the model allows. */
const EFFORT_BUDGETS = { low: 0, medium: 8_000, high: DEFAULT_THINKING_BUDGET, xhigh: 32_000, max: Number.POSITIVE_INFINITY } as const;

/** The effort level a thinking setup amounts to, by the same table read backwards (what hooks are told as `effort`). */
export function effortLevel(thinking: ModelRequest["thinking"]): keyof typeof EFFORT_BUDGETS {
  const budget = thinking?.type === "enabled" ? thinking.budget_tokens : 0;
  const levels = Object.entries(EFFORT_BUDGETS) as [keyof typeof EFFORT_BUDGETS, number][];
  return levels.find(([, most]) => budget <= most)![0];
}

/**
 * A sub-agent's effort (its definition's `effort`, or the Agent call's) as a thinking budget, in
 * place of the API's effort parameter, which not every model and server takes.
 */
export function effortThinking(effort: keyof typeof EFFORT_BUDGETS, model: string, maxTokens: number): ThinkingSetup {
  return thinkingSetup(model, maxTokens, { flagBudget: effortBudget(effort), settings: {} });
}

/** The thinking budget an effort level stands for. */
export const effortBudget = (effort: keyof typeof EFFORT_BUDGETS): number => EFFORT_BUDGETS[effort];
