import { homedir } from "node:os";
import { dirname, resolve } from "node:path";
import { type AssistantBlock, asBlocks, type ToolResultBlock } from "../model/messages.ts";
import { loadMemoryFiles, MEMORY_PREAMBLE, type MemoryFile, MemoryReader, nestedMemoryFiles, renderMemory } from "./memory.ts";
import { loadRules, matchingRules, type PathRule } from "./rules.ts";

/**
 * The memory of one session: what the system prompt carries from the start, and what joins later
 * when the agent first touches a file in a subdirectory with its own memory file, or a file a
 * `paths:` rule matches. Late arrivals are attached to that call's tool result, at the end of the
 * conversation, so the cached prefix never changes.
 */
export class SessionMemory {
  /** Files loaded on touch, in order: a compaction restores them. */
  readonly attached: MemoryFile[] = [];
  /** What else a touched file brings in (a skill with `paths:` is offered); this session's own, not a sub-agent's. */
  private readonly watchers: ((path: string) => Promise<string[]>)[] = [];
  /** What the watchers said, in order: a compaction restores it with the files. */
  private readonly said: string[] = [];
  private readonly matchers = new Map<PathRule, (path: string) => boolean>();

  /** What was read at start-up: a sub-agent starts from here. */
  private readonly initiallySeen: Set<string>;
  /** Path rules not loaded yet. */
  private pending: PathRule[];

  private constructor(
    readonly cwd: string,
    readonly files: MemoryFile[],
    private readonly reader: MemoryReader,
    private readonly rules: PathRule[],
  ) {
    this.initiallySeen = new Set(reader.seen);
    this.pending = [...rules];
  }

  /** No memory files at all (sessions built without loading any). */
  static empty(cwd: string): SessionMemory {
    return new SessionMemory(cwd, [], new MemoryReader(), []);
  }

  /**
   * `canRead`: whether deny rules let the model see a file (memory files and imports they hide are
   * skipped); `importProblem`: why a file may not @import another (see MemoryReader).
   */
  static async load(cwd: string, home = homedir(), canRead?: (path: string) => boolean, importProblem?: MemoryReader["importProblem"]): Promise<{ memory: SessionMemory; problems: string[] }> {
    const reader = new MemoryReader(home, canRead, importProblem);
    const files = loadMemoryFiles(cwd, reader, home);
    const rules = await loadRules(cwd, home, reader.canRead);
    for (const rule of [...rules.always, ...rules.byPath]) reader.seen.add(rule.path);
    return { memory: new SessionMemory(cwd, [...files, ...rules.always], reader, rules.byPath), problems: [...reader.problems, ...rules.problems] };
  }

  /** The same memory for a sub-agent, which attaches what it touches on its own. */
  fork(): SessionMemory {
    const reader = new MemoryReader(this.reader.home, this.reader.canRead, this.reader.importProblem);
    for (const path of this.initiallySeen) reader.seen.add(path);
    return new SessionMemory(this.cwd, this.files, reader, this.rules);
  }

  /** The memory section of the dynamic system block, or "" when there is none. */
  systemText(): string {
    return this.files.length ? [MEMORY_PREAMBLE, ...this.files.map(renderMemory)].join("\n\n") : "";
  }

  /** Adds a watcher: given each file a tool call touches, it returns texts for the model (each once, its own business). */
  watch(watcher: (path: string) => Promise<string[]>): void {
    this.watchers.push(watcher);
  }

  /** Everything touching files brought in so far, as the model read it: a compaction puts it back. */
  reminders(): string[] {
    return [...this.attached.map(renderMemory), ...this.said];
  }

  /** Memory that touching `path` brings in, each file at most once per session. */
  async touch(path: string): Promise<MemoryFile[]> {
    const found = nestedMemoryFiles(this.cwd, dirname(path), this.reader);
    const rules = await matchingRules(this.pending, path, this.matchers);
    if (rules.length) this.pending = this.pending.filter((r) => !rules.includes(r));
    this.attached.push(...found, ...rules);
    return [...found, ...rules];
  }

  /** The results, each file call's with the memory it brought in added as a system reminder. */
  async annotate(calls: AssistantBlock[], results: ToolResultBlock[], cwd: string): Promise<ToolResultBlock[]> {
    const out: ToolResultBlock[] = [];
    for (const result of results) {
      out.push(result);
      if (result.is_error) continue;
      const call = calls.find((b) => b.type === "tool_use" && b.id === result.tool_use_id);
      const input = call?.type === "tool_use" ? (call.input as Record<string, unknown>) : undefined;
      const file = input?.file_path ?? input?.notebook_path;
      if (typeof file !== "string") continue;
      const path = resolve(cwd, file);
      const said = (await Promise.all(this.watchers.map((watcher) => watcher(path)))).flat();
      this.said.push(...said);
      const found = [...(await this.touch(path)).map(renderMemory), ...said];
      if (found.length === 0) continue;
      const reminder = { type: "text" as const, text: `<system-reminder>\n${found.join("\n\n")}\n</system-reminder>` };
      out[out.length - 1] = { ...result, content: [...asBlocks(result.content), reminder] };
    }
    return out;
  }
}
