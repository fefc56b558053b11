/** A short human rendering of a tool call, such as `Bash(npm test)`, for prompts, denials and logs. */
export function describeCall(name: string, input: unknown): string {
  const i = (input ?? {}) as Record<string, unknown>;
  const detail = i.command ?? i.file_path ?? i.path ?? i.pattern ?? i.url ?? i.description;
  if (typeof detail !== "string") return name;
  const line = detail.split("\n")[0]!;
  return `${name}(${line.length > 80 ? `${line.slice(0, 79)}…` : line})`;
}
