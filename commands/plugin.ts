import { defineCommand } from "nanocode";

export default defineCommand({
  name: "plugin",
  description: "List plugins (installed, enabled, available by marketplace); /plugin install|enable|disable|uninstall <plugin@marketplace>",
  argumentHint: "[list | install | enable | disable | uninstall | update | marketplace …]",
  async run(args, ctx) {
    const session = await ctx.session?.();
    if (!session) return "No session: /plugin works inside a session.";
    const words = args.trim() ? args.trim().split(/\s+/) : [];
    return session.plugins(words);
  },
});
