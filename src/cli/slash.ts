import type { Registry } from "../registry/registry.ts";

export type SlashOutcome = { kind: "done"; exitCode: number } | { kind: "prompt"; prompt: string } | { kind: "not-a-command" };

/** Runs `/name args` when `name` is a registered command; print mode shows its output and exits. */
export async function runSlashCommand(line: string, registry: Registry, cwd: string): Promise<SlashOutcome> {
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim());
  const command = match && registry.command(match[1]!);
  if (!match || !command) return { kind: "not-a-command" };
  const printed: string[] = [];
  const result = await command.run(match[2] ?? "", {
    cwd,
    registry: { tools: registry.listTools().map((t) => t.tool), commands: registry.listCommands().map((c) => c.command) },
    print: (text) => printed.push(text),
  });
  if (result && typeof result === "object") return { kind: "prompt", prompt: result.prompt };
  if (typeof result === "string") printed.push(result);
  if (printed.length) process.stdout.write(`${printed.join("\n")}\n`);
  return { kind: "done", exitCode: 0 };
}
