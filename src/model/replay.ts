import * as v from "valibot";
import type { StreamEvent } from "./messages.ts";
import { abortedError, type ModelRequest, type Provider, ProviderError } from "./provider.ts";
import { estimateTokens, fillTurn, type Placeholders, Script, turnEvents } from "./script.ts";

/**
 * The model replayed responses say they come from. Usage is priced by that name, and the model table
 * has no price for it: a replay is not billed, in the run's totals, `/cost`, or a session resumed
 * later against a real model.
 */
export const REPLAY_MODEL = "replay";

/**
 * Plays recorded assistant turns from a script file instead of calling a model. The tools still
 * run for real, so this serves the offline demo and tests. Turn N answers the request that holds
 * N assistant messages.
 */
export class ReplayProvider implements Provider {
  readonly name = "replay";
  readonly endpoint: string;

  constructor(
    private readonly script: Script,
    private readonly places: Placeholders,
    /** The script file. */
    file = "script",
  ) {
    this.endpoint = file;
  }

  static async fromFile(path: string, places: Placeholders): Promise<ReplayProvider> {
    const file = Bun.file(path);
    if (!(await file.exists())) throw new Error(`replay file not found: ${path}`);
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch (error) {
      throw new Error(`replay file ${path} is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = v.safeParse(Script, json);
    if (!parsed.success) {
      // A script is a bare array or { turns }: of the union's branches, the one that got furthest says what is wrong.
      const [first] = parsed.issues;
      const issue = (first.issues ?? []).reduce((best, sub) => ((sub.path?.length ?? 0) > (best.path?.length ?? 0) ? sub : best), first);
      throw new Error(`replay file ${path} is not a script: ${v.getDotPath(issue) ?? "top level"}: ${issue.message}`);
    }
    return new ReplayProvider(parsed.output, places, path);
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    const index = request.messages.filter((m) => m.role === "assistant").length;
    const turn = this.script.turns[index];
    if (!turn) throw new ProviderError("bad_response", `replay script has no turn ${index + 1} (it has ${this.script.turns.length})`);
    const blocks = fillTurn(turn, index, request.messages, this.places);
    const events = turnEvents(blocks, { id: `msg_replay_${index + 1}`, model: REPLAY_MODEL, inputTokens: estimateTokens(request) });
    for (const event of events) {
      if (signal.aborted) throw abortedError();
      yield event;
    }
  }
}
