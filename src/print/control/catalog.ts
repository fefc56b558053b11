// What the session offers, in the shapes of the Agent SDK's `SlashCommand`, `AgentInfo` and
// `ModelInfo`: the `initialize` answer lists them, and so `supportedCommands()`,
// `supportedAgents()` and `supportedModels()` read them.

import type { SessionServices } from "../../agents/services.ts";
import { ALIASES, DEFAULT_MODEL, MODELS, modelInfo } from "../../model/models.ts";
import type { SkillCatalog } from "../../skills/catalog.ts";
import type { ControlContext } from "./handler.ts";

export type SlashCommandInfo = { name: string; description: string; argumentHint: string; aliases?: string[]; builtin?: boolean };
export type AgentInfo = { name: string; description: string; model?: string };
export type ModelChoiceInfo = {
  value: string;
  resolvedModel: string;
  displayName: string;
  description: string;
  supportsEffort: boolean;
  supportedEffortLevels: string[];
  supportsAdaptiveThinking: boolean;
  supportsFastMode: boolean;
  supportsAutoMode: boolean;
  supportsThinkingOff: boolean;
};

/** Command modules first (built-in ones marked), then skills and Markdown commands, then MCP prompts. */
export function slashCommands(context: ControlContext, skills: SkillCatalog): SlashCommandInfo[] {
  const modules = context.session.deps.registry.listCommands().map(({ command, source }) => ({
    name: command.name,
    description: command.description,
    argumentHint: command.argumentHint ?? "",
    ...(command.aliases?.length ? { aliases: command.aliases } : {}),
    ...(source === "builtin" ? { builtin: true } : {}),
  }));
  const prompts = skills.forUser().map((c) => ({ name: c.name, description: c.description, argumentHint: c.frontmatter["argument-hint"] ?? "" }));
  const mcp = (context.mcp()?.promptCommands() ?? []).map((name) => ({ name, description: `MCP prompt ${name}`, argumentHint: "" }));
  return [...modules, ...prompts, ...mcp];
}

export function agentInfos(context: ControlContext): AgentInfo[] {
  const services = context.session.env.services as SessionServices | undefined;
  return (services?.agents ?? []).map((a) => ({ name: a.name, description: a.description, ...(a.model ? { model: a.model } : {}) }));
}

const EFFORT_LEVELS = ["low", "medium", "high", "xhigh", "max"];
const perMtok = (n: number) => `$${n}`;

/**
 * "default" (the model a session starts with), each alias, then the other models of the table.
 * Effort and adaptive thinking are honoured as thinking budgets (see src/agents/thinking.ts);
 * nanocode has no fast or auto mode.
 */
export function modelChoices(defaultModel = process.env.ANTHROPIC_MODEL || DEFAULT_MODEL): ModelChoiceInfo[] {
  const aliased = new Set(Object.values(ALIASES));
  const entries: [string, string][] = [["default", defaultModel], ...Object.entries(ALIASES), ...MODELS.filter((m) => !aliased.has(m.id)).map((m): [string, string] => [m.id, m.id])];
  return entries.map(([value, id]) => {
    const info = modelInfo(id);
    const name = value === "default" ? "Default" : value === id ? id : value[0]!.toUpperCase() + value.slice(1);
    const price = info.price.input > 0 ? ` · ${perMtok(info.price.input)}/${perMtok(info.price.output)} per Mtok` : "";
    return {
      value,
      resolvedModel: id,
      displayName: name,
      description: `${value === "default" ? "Use the default model" : "Model"} ${id}${price}`,
      supportsEffort: info.thinking,
      supportedEffortLevels: info.thinking ? EFFORT_LEVELS : [],
      supportsAdaptiveThinking: info.thinking,
      supportsFastMode: false,
      supportsAutoMode: false,
      supportsThinkingOff: true,
    };
  });
}
