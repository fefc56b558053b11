import { defineCommand } from "nanocode";

export default defineCommand({
  name: "rewind",
  aliases: ["undo"],
  description: "Go back to an earlier prompt: restore the files the session edited since, the conversation, or both",
  async run(_args, ctx) {
    const session = await ctx.session?.();
    const ui = ctx.ui;
    if (!session || !ui) return "/rewind works in the interactive session.";
    const turns = session.userTurns();
    if (turns.length === 0) return "Nothing to rewind: no prompt sent yet.";
    const recent = turns.slice(-20).reverse();
    const pick = await ui.choose(
      "Rewind to before which prompt?",
      recent.map((t, i) => ({ label: t.text.split("\n")[0]!.slice(0, 80), description: i === 0 ? "latest" : `${i} prompt${i > 1 ? "s" : ""} before the latest` })),
    );
    if (pick === undefined) return;
    const turn = recent[pick]!;
    const how = await ui.choose("Restore what?", [
      { label: "Conversation and code", description: "drop this prompt and everything after it, and undo the file edits made since" },
      { label: "Conversation only", description: "files stay as they are" },
      { label: "Code only", description: "the conversation stays as it is" },
    ]);
    if (how === undefined) return;
    const restored = await session.rewind(turn.index, { conversation: how !== 2, files: how !== 1 });
    if (how !== 2) ui.setInput(turn.text);
    const lines = [how === 2 ? "Files restored." : "Rewound: the prompt is back in the input box to edit and send again."];
    if (how !== 1) lines.push(...(restored.length ? restored.map((l) => `  ${l}`) : ["  (no file edits to undo; changes made through Bash are not tracked)"]));
    return lines.join("\n");
  },
});
