import { modelInfo } from "../model/models.ts";
import type { PermissionMode } from "../permissions/gate.ts";
import { type Style, truncate } from "./style.ts";

const dollars = (usd: number) => `$${usd >= 0.5 ? usd.toFixed(2) : usd.toFixed(4)}`;

const MODE_LABEL: Record<PermissionMode, string> = {
  default: "",
  acceptEdits: "⏵⏵ accept edits on",
  plan: "⏸ plan mode on",
  bypassPermissions: "⏵⏵ bypass permissions on",
  dontAsk: "⏵ don't ask on",
};

export type StatusInfo = { model: string; mode: PermissionMode; contextTokens: number; costUSD: number; hint?: string };

/** The line under the input: permission mode, model, how full the context window is, and the cost so far. */
export function statusLine(info: StatusInfo, s: Style, columns: number): string {
  const window = modelInfo(info.model).contextWindow;
  const used = Math.min(100, Math.round((info.contextTokens / window) * 100));
  const usedText = used >= 80 ? s.red(`${used}% context`) : used >= 50 ? s.yellow(`${used}% context`) : `${used}% context`;
  const mode = MODE_LABEL[info.mode];
  const left = info.hint ? s.yellow(info.hint) : mode ? s.magenta(`${mode} (shift+tab to cycle)`) : s.dim("? /help · ! shell · # memory · @ file");
  const right = s.dim(`${info.model} · `) + s.dim(usedText) + s.dim(` · ${dollars(info.costUSD)}`);
  const gap = columns - 1 - Bun.stringWidth(left) - Bun.stringWidth(right);
  return gap >= 2 ? `${left}${" ".repeat(gap)}${right}` : truncate(`${left}  ${right}`, columns - 1);
}

export const cycleMode = (mode: PermissionMode, allowBypass: boolean): PermissionMode => {
  const order: PermissionMode[] = allowBypass ? ["default", "acceptEdits", "plan", "bypassPermissions"] : ["default", "acceptEdits", "plan"];
  return order[(order.indexOf(mode) + 1) % order.length]!;
};
