import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { SDKMessage } from "../print/messages.ts";
import { findNanocode } from "./executable.ts";
import { flagsFor, type Options } from "./options.ts";

/** A message to send: the same line `--input-format stream-json` reads. */
export type SDKUserInput = { type: "user"; message: { role: "user"; content: string | Array<{ type: string; [key: string]: unknown }> } };

export interface Query extends AsyncGenerator<SDKMessage, void> {
  /** Stops the running turn (its result still arrives); with streamed input, later messages still run. */
  interrupt(): Promise<void>;
}

const userLine = (content: string): SDKUserInput => ({ type: "user", message: { role: "user", content } });

/**
 * Runs nanocode and yields the messages of `--output-format stream-json`, one object each: a
 * `system` init, `assistant` and `user` messages as the agent works, and a `result` per turn.
 * `prompt` is one request, or an async iterable of user messages for a conversation (each becomes
 * a turn; the run ends when the iterable ends and the last turn is done).
 *
 * Works in Node 18+ and Bun: it starts the nanocode binary and speaks stream-json with it.
 */
export function query({ prompt, options = {} }: { prompt: string | AsyncIterable<SDKUserInput>; options?: Options }): Query {
  const env = { ...process.env, ...options.env };
  const child = spawn(findNanocode(options.pathToNanocodeExecutable, env), flagsFor(options), {
    cwd: options.cwd,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (data: string) => {
    stderr = (stderr + data).slice(-4000);
    options.stderr?.(data);
  });
  const reader = createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
  // Iterate from the start: readline drops lines that arrive before anyone listens.
  const lines = reader[Symbol.asyncIterator]();
  let startError: Error | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on("error", (error) => {
      startError = error;
      reader.close();
      resolve(null);
    });
    child.on("close", resolve);
  });
  child.stdin.on("error", () => {
    // The process ended before reading everything: its exit says why.
  });

  const send = (line: unknown) => {
    if (!child.stdin.writableEnded) child.stdin.write(`${JSON.stringify(line)}\n`);
  };
  // A single prompt keeps stdin open until its result, so interrupt() can still reach the process.
  if (typeof prompt === "string") send(userLine(prompt));
  else
    void (async () => {
      for await (const message of prompt) send(message);
      child.stdin.end();
    })().catch((error: unknown) => {
      options.stderr?.(`prompt stream failed: ${String(error)}\n`);
      child.stdin.end();
    });

  const onAbort = () => child.kill("SIGTERM");
  options.abortController?.signal.addEventListener("abort", onAbort, { once: true });
  if (options.abortController?.signal.aborted) onAbort();

  let requests = 0;
  const pending = new Map<string, () => void>();

  async function* messages(): AsyncGenerator<SDKMessage, void> {
    let results = 0;
    try {
      for await (const line of { [Symbol.asyncIterator]: () => lines }) {
        if (!line.trim()) continue;
        const message = JSON.parse(line) as SDKMessage | { type: "control_response"; response: { request_id: string } };
        if (message.type === "control_response") {
          pending.get(message.response.request_id)?.();
          continue;
        }
        if (message.type === "result") {
          results++;
          if (typeof prompt === "string") child.stdin.end();
        }
        yield message;
      }
      const code = await exited;
      if (startError) throw new Error(`cannot start nanocode (${startError.message}): install it, or set pathToNanocodeExecutable or NANOCODE_BIN`);
      if (results === 0 && code !== 0) throw new Error(`nanocode exited with code ${code}${stderr.trim() ? `: ${stderr.trim()}` : ""}`);
    } finally {
      options.abortController?.signal.removeEventListener("abort", onAbort);
      if (child.exitCode === null) child.kill("SIGTERM");
    }
  }

  const iterator = messages() as Query;
  iterator.interrupt = () =>
    new Promise<void>((resolve) => {
      const id = `interrupt-${++requests}`;
      pending.set(id, resolve);
      send({ type: "control_request", request_id: id, request: { subtype: "interrupt" } });
      if (child.stdin.writableEnded) resolve();
    });
  return iterator;
}
