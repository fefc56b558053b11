import { resolve } from "node:path";
import { atomicWrite, defineCommand, type Message } from "nanocode";

function transcript(messages: readonly Message[]): string {
  const out: string[] = [];
  for (const m of messages) {
    const blocks = typeof m.content === "string" ? [{ type: "text" as const, text: m.content }] : m.content;
    for (const block of blocks) {
      if (block.type === "text" && block.text.trim()) out.push(m.role === "user" ? `## You\n\n${block.text.trim()}` : `## nanocode\n\n${block.text.trim()}`);
      else if (block.type === "tool_use") out.push(`**${block.name}** \`${JSON.stringify(block.input)}\``);
      else if (block.type === "tool_result") {
        const text = typeof block.content === "string" ? block.content : block.content.map((b) => (b.type === "text" ? b.text : `[${b.type}]`)).join("\n");
        const lines = text.split("\n");
        const shown = lines.length > 40 ? [...lines.slice(0, 40), `… ${lines.length - 40} more lines`] : lines;
        out.push(`${block.is_error ? "Error:" : "Result:"}\n\n\`\`\`\n${shown.join("\n").replaceAll("```", "ʼʼʼ")}\n\`\`\``);
      }
    }
  }
  return `${out.join("\n\n")}\n`;
}

export default defineCommand({
  name: "export",
  argumentHint: "[file]",
  description: "Save the conversation as Markdown",
  async run(args, ctx) {
    const session = await ctx.session?.();
    if (!session) return "No session: /export works inside a session.";
    if (session.messages.length === 0) return "Nothing to export yet.";
    const file = resolve(ctx.cwd, args.trim() || `nanocode-${new Date().toISOString().slice(0, 10)}-${session.id.slice(0, 8)}.md`);
    await atomicWrite(file, `# nanocode session ${session.id}\n\n${transcript(session.messages)}`);
    return `Saved the conversation to ${file}`;
  },
});
