import { defineTool, v } from "nanocode";

export default defineTool({
  name: "Skill",
  description:
    "Run a skill: a set of instructions (sometimes with scripts and reference files) for a kind of task. The skills you can use are listed in the system prompt as `- name: description`. When a task matches one, call this tool first, before anything else, then follow the instructions it returns. Do not call a skill that is already running.",
  input: v.object({
    skill: v.pipe(v.string(), v.description('The skill name, e.g. "review-diff"')),
    args: v.optional(v.pipe(v.string(), v.description("Arguments for the skill, as the user would type them after /name"))),
  }),
  // The call itself changes nothing: an inline skill only returns text, and a forked one's own
  // tool calls pass the permission gate one by one.
  readOnly: true,
  async run({ skill, args }, ctx) {
    const skills = ctx.agent?.skills;
    if (!skills) return { content: "Skills are not available here.", isError: true };
    return skills.run(skill, args ?? "", ctx);
  },
});
