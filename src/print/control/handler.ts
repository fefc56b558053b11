// A control request the host (the Agent SDK) sends on stdin, and how one is answered. Each
// subtype has one handler in ./handlers.ts; a handler returns the `response` object or throws,
// and the throw becomes the error answer naming the request.

import * as v from "valibot";
import type { AgentSession } from "../../agent/session.ts";
import type { ThinkingSetup } from "../../agents/thinking.ts";
import type { McpManager } from "../../mcp/manager.ts";
import type { CommandSession } from "../../registry/define.ts";
import type { SkillCatalog } from "../../skills/catalog.ts";
import type { SDKMessage } from "../messages.ts";
import type { SessionInfo } from "../stream.ts";
import type { AppliedInitialize } from "./initialize.ts";

export type ControlRequest = { subtype: string; [field: string]: unknown };

/** What the session was made with, for handlers that go back to it or check what it allowed. */
export type SessionStart = {
  session: AgentSession;
  /** The session as slash commands see it (model, rewind, settings, agents…). */
  commands: CommandSession;
  /** The session's MCP servers, when it has any. */
  mcp: () => McpManager | undefined;
  /** The MCP servers, made (empty) for a session that had none, so the host can add its own. */
  ensureMcp: () => McpManager;
  skills: SkillCatalog;
  /** What the next `system/init` line will say. */
  info: () => SessionInfo;
  initialized: AppliedInitialize;
  /** Launched with --allow-dangerously-skip-permissions (or in bypassPermissions mode): it may switch into it. */
  bypassAllowed: boolean;
  startModel: string;
  /** Whether deny rules let the session read the path (the host's file requests obey them too). */
  canRead: (path: string) => boolean;
  /** --replay-user-messages: each message the host sends is printed back with its id as its turn starts. */
  replayUserMessages: boolean;
  /** The thinking the session started with, for `model` (set_max_thinking_tokens with null). */
  startThinking: (model: string, maxTokens: number) => ThinkingSetup;
};

/** What handlers reach: the session and its parts, and the conversation around it. */
export type ControlContext = SessionStart & {
  /** Prints a message line now, before the answer. */
  emit: (message: SDKMessage) => Promise<void>;
  /** Prints a message line right after the answer (Claude Code's `system/status` after a mode change). */
  afterAnswer?: (message: SDKMessage) => void;
  /** Whether a turn is running. */
  busy: () => boolean;
  /** Stops the running turn; `cancelQueued` also drops the messages waiting for a turn. */
  interrupt: (cancelQueued: boolean) => { still_queued: string[]; cancelled?: string[] };
  /** By message id: how long the conversation was when that message's turn started. */
  checkpoints: ReadonlyMap<string, number>;
};

export type ControlHandler = (request: ControlRequest, context: ControlContext) => unknown;

/** A request field that does not fit: its handler throws this, and the answer names the field. */
export class ControlError extends Error {}

/** The request's fields, checked against `schema`; throws ControlError naming the first bad one. */
export function fieldsOf<S extends v.GenericSchema>(schema: S, request: ControlRequest): v.InferOutput<S> {
  const parsed = v.safeParse(schema, request);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  throw new ControlError(`${v.getDotPath(issue) ?? "request"}: ${issue.message}`);
}

export type ControlResponseLine = {
  type: "control_response";
  response: { subtype: "success"; request_id: string; response: unknown } | { subtype: "error"; request_id: string; error: string };
};

/**
 * Runs the handler of the request's subtype and prints its answer (then what the handler left
 * for after it); an unknown subtype is an error answer, never fatal.
 */
export async function answerControl(handlers: Readonly<Record<string, ControlHandler>>, requestId: string, request: ControlRequest, context: ControlContext, write: (line: ControlResponseLine) => Promise<void>): Promise<void> {
  const later: SDKMessage[] = [];
  const handler = Object.hasOwn(handlers, request.subtype) ? handlers[request.subtype] : undefined;
  await write(await answer(handler, requestId, request, { ...context, afterAnswer: (message) => later.push(message) }));
  for (const message of later) await context.emit(message);
}

async function answer(handler: ControlHandler | undefined, requestId: string, request: ControlRequest, context: ControlContext): Promise<ControlResponseLine> {
  if (!handler) return { type: "control_response", response: { subtype: "error", request_id: requestId, error: `unsupported control request: ${request.subtype}` } };
  try {
    const response = (await handler(request, context)) ?? {};
    return { type: "control_response", response: { subtype: "success", request_id: requestId, response } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { type: "control_response", response: { subtype: "error", request_id: requestId, error: `${request.subtype}: ${message}` } };
  }
}
