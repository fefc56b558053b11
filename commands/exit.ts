import { defineCommand } from "nanocode";

export default defineCommand({
  name: "exit",
  aliases: ["quit"],
  description: "Leave nanocode",
  run(_args, ctx) {
    ctx.ui?.exit();
  },
});
