// Virtual modules served by ./builtin-plugin.ts.
declare module "builtin:tools" {
  const modules: { file: string; module: Record<string, unknown> }[];
  export default modules;
}
declare module "builtin:commands" {
  const modules: { file: string; module: Record<string, unknown> }[];
  export default modules;
}
declare module "builtin:skills" {
  const skills: { name: string; files: Record<string, string>; frontmatter: import("../skills/frontmatter.ts").Frontmatter; body: string }[];
  export default skills;
}
