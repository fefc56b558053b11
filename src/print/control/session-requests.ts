// Requests that change the running session: the Query object's interrupt(), setPermissionMode(),
// setModel() and setMaxThinkingTokens(). Each takes effect from the next model request, as in
// Claude Code, and is answered with what it set.

import * as v from "valibot";
import { type ThinkingChoice, thinkingSetup } from "../../agents/thinking.ts";
import { modelInfo } from "../../model/models.ts";
import { PERMISSION_MODES } from "../../permissions/gate.ts";
import { type ControlContext, ControlError, type ControlRequest, fieldsOf } from "./handler.ts";

export function interrupt(request: ControlRequest, context: ControlContext) {
  const { cancel_queued } = fieldsOf(v.object({ cancel_queued: v.optional(v.boolean()) }), request);
  return context.interrupt(cancel_queued === true);
}

const ModeRequest = v.object({ mode: v.picklist(PERMISSION_MODES, `must be one of ${PERMISSION_MODES.join(", ")}`) });

export function setPermissionMode(request: ControlRequest, context: ControlContext) {
  const { mode } = fieldsOf(ModeRequest, request);
  const modes = context.commands.modes;
  if (!modes) throw new ControlError("this session has no permission mode to change");
  // As Claude Code: a session may switch into bypassPermissions only when its launch allowed it.
  if (mode === "bypassPermissions" && modes.current !== mode && !context.bypassAllowed) {
    throw new ControlError("bypassPermissions needs the session to be started with --allow-dangerously-skip-permissions (the SDK's allowDangerouslySkipPermissions)");
  }
  modes.set(mode);
  context.afterAnswer?.({ type: "system", subtype: "status", status: null, permissionMode: mode, uuid: crypto.randomUUID(), session_id: context.session.id });
  return { mode };
}

const ModelRequest = v.object({ model: v.optional(v.nullable(v.pipe(v.string(), v.nonEmpty("must not be empty")))) });

/** No model, or "default": back to the model the session started with. */
export async function setModel(request: ControlRequest, context: ControlContext) {
  const { model } = fieldsOf(ModelRequest, request);
  const id = context.commands.setModel(model && model !== "default" ? model : context.startModel);
  // Claude Code replays the /model command's output as a user message before it answers.
  await context.emit({
    type: "user",
    message: { role: "user", content: `<local-command-stdout>Set model to \`${id}\`</local-command-stdout>` },
    session_id: context.session.id,
    parent_tool_use_id: null,
    uuid: crypto.randomUUID(),
    timestamp: new Date().toISOString(),
    isReplay: true,
  });
  return { model: id };
}

const ThinkingRequest = v.object({
  max_thinking_tokens: v.optional(v.nullable(v.pipe(v.number(), v.integer("must be a whole number"), v.minValue(0, "must be 0 or more")))),
  thinking_display: v.optional(v.nullable(v.string())),
});

/** A budget (0: no thinking); null goes back to what the session started with. */
export function setMaxThinkingTokens(request: ControlRequest, context: ControlContext) {
  const { max_thinking_tokens } = fieldsOf(ThinkingRequest, request);
  rethink(context, max_thinking_tokens === null || max_thinking_tokens === undefined ? undefined : { flagBudget: max_thinking_tokens, settings: {} });
  return {};
}

/** Thinking from the next request on, as `choice` says; without one, as the session started. */
export function rethink(context: ControlContext, choice?: ThinkingChoice): void {
  const { session } = context;
  const model = session.config.model;
  const base = Math.min(32_000, modelInfo(model).maxOutput);
  const setup = choice ? thinkingSetup(model, base, choice) : context.startThinking(model, base);
  session.config = { ...session.config, thinking: setup.thinking, maxTokens: setup.maxTokens };
}
