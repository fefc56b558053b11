// Drives the compiled binary through the official Agent SDK (@anthropic-ai/claude-agent-sdk), as
// a program embedding Claude Code would, against the scripted model server.

import { type Options, query, type SDKMessage, type SDKUserMessage } from "@anthropic-ai/claude-agent-sdk";
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import { endAfterTest } from "./cleanup.ts";
import type { ScriptedServer } from "./scripted-server.ts";

export const userMessage = (text: string): SDKUserMessage => ({ type: "user", message: { role: "user", content: text }, parent_tool_use_id: null, session_id: "" });

/** Messages the program sends when it chooses: `send` queues one, `end` closes the input. */
export class Prompts implements AsyncIterable<SDKUserMessage> {
  private queue: SDKUserMessage[] = [];
  private ended = false;
  private wake = () => {};

  send(text: string): void {
    this.queue.push(userMessage(text));
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SDKUserMessage> {
    while (true) {
      const next = this.queue.shift();
      if (next) yield next;
      else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** The options that point the SDK at nanocode and nanocode at the scripted server; stderr is collected. */
export async function sdkOptions(work: string, server: ScriptedServer, extra: Partial<Options> = {}): Promise<Options & { stderrText: () => string }> {
  let stderr = "";
  return {
    pathToClaudeCodeExecutable: await ensureBinary(),
    cwd: work,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: work, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url, NANOCODE_RETRY_BASE_DELAY_MS: "1", ...extra.env },
    stderr: (data) => void (stderr += data),
    ...extra,
    stderrText: () => stderr,
  };
}

/** Starts a query whose process ends with the test, also when the test fails. */
export function startQuery(prompt: string | AsyncIterable<SDKUserMessage>, options: Options) {
  const q = query({ prompt, options });
  endAfterTest(() => q.close());
  return q;
}

/** Every message until the query ends; a thrown error (a non-zero exit) is returned beside them. */
export async function collect(q: AsyncIterable<SDKMessage>, onMessage: (message: SDKMessage) => void | Promise<void> = () => {}): Promise<{ messages: SDKMessage[]; error?: Error }> {
  const messages: SDKMessage[] = [];
  try {
    for await (const message of q) {
      messages.push(message);
      await onMessage(message);
    }
    return { messages };
  } catch (error) {
    return { messages, error: error as Error };
  }
}
