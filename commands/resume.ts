import { defineCommand } from "nanocode";

const ago = (date: Date) => {
  const minutes = Math.round((Date.now() - date.getTime()) / 60_000);
  return minutes < 60 ? `${minutes}m ago` : minutes < 48 * 60 ? `${Math.round(minutes / 60)}h ago` : `${Math.round(minutes / 1440)}d ago`;
};

export default defineCommand({
  name: "resume",
  aliases: ["continue"],
  argumentHint: "[session id]",
  description: "Continue an earlier conversation of this directory",
  async run(args, ctx) {
    const ui = ctx.ui;
    if (!ui) return "/resume works in the interactive session; use --resume <id> or --continue in print mode.";
    let id = args.trim();
    if (!id) {
      const earlier = ui.sessions().filter((s) => !s.current);
      if (earlier.length === 0) return "No earlier conversation in this directory.";
      const pick = await ui.choose(
        "Resume which conversation?",
        earlier.slice(0, 20).map((s) => ({ label: s.title || "(no prompt)", description: `${ago(s.modifiedAt)} · ${s.id.slice(0, 8)}` })),
      );
      if (pick === undefined) return;
      id = earlier[pick]!.id;
    }
    await ui.resume(id);
    return ui.style.dim(`Resumed ${id}.`);
  },
});
