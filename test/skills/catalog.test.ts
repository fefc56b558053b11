import { expect, test } from "bun:test";
import { join } from "node:path";
import { listingBudget, loadCatalog } from "../../src/skills/catalog.ts";
import { put, tempDir } from "../support/tmp.ts";

test("skills and commands from every folder: the first of a name wins, bundled ones last", async () => {
  const home = tempDir();
  const cwd = tempDir();
  put(join(home, ".claude/skills/deploy/SKILL.md"), "---\ndescription: user deploy\n---\nbody");
  put(join(cwd, ".claude/skills/deploy/SKILL.md"), "---\ndescription: project deploy\n---\nbody");
  put(join(cwd, ".nanocode/skills/lint/SKILL.md"), "---\nname: lint-all\ndescription: nanocode lint\n---\nbody");
  put(join(cwd, ".claude/skills/lint/SKILL.md"), "---\nname: lint-all\ndescription: claude lint\n---\nbody");
  put(join(cwd, ".claude/commands/lint-all.md"), "---\ndescription: command lint\n---\nbody");
  put(join(cwd, ".claude/commands/db/migrate.md"), "# Run the migrations\n\nbody");
  put(join(cwd, ".claude/commands/secret.md"), "---\ndescription: hidden from the model\ndisable-model-invocation: true\n---\nbody");
  put(join(cwd, ".claude/skills/background/SKILL.md"), "---\ndescription: model only\nuser-invocable: false\n---\nbody");
  put(join(cwd, ".claude/skills/python/SKILL.md"), "---\ndescription: python only\npaths: \"**/*.py\"\n---\nbody");
  put(join(cwd, ".claude/skills/broken/SKILL.md"), "---\ndescription: [unclosed\n---\nbody");

  const { catalog, problems } = await loadCatalog({ cwd, home });
  expect(catalog.get("deploy")!.description).toBe("user deploy");
  // A skill's id is its folder's name; its frontmatter name is only shown beside it.
  expect(catalog.get("lint")).toMatchObject({ description: "nanocode lint", kind: "skill", source: ".nanocode/skills/lint/SKILL.md", frontmatter: { name: "lint-all" } });
  expect(catalog.get("lint-all")).toMatchObject({ description: "command lint", kind: "command" });
  expect(catalog.get("db:migrate")).toMatchObject({ description: "Run the migrations", kind: "command" });
  // A `paths:` skill is known (and /python works), but the model is told of it only once it touches a .py file.
  expect(catalog.get("python")).toMatchObject({ root: cwd, frontmatter: { paths: ["**/*.py"] } });
  expect(catalog.pathScoped().map((c) => c.name)).toEqual(["python"]);
  expect(catalog.listing(100_000)).not.toContain("python only");
  expect(catalog.get("review-diff")!.source).toBe("bundled");
  const forModel = catalog.forModel().map((c) => c.name);
  expect(forModel).not.toContain("secret");
  expect(forModel).toContain("background");
  expect(forModel.indexOf("review-diff")).toBeLessThan(forModel.indexOf("db:migrate")); // skills before commands
  expect(catalog.forUser().map((c) => c.name)).not.toContain("background");
  // Not YAML, but Claude Code reads `key: rest of line`: the skill loads, in silence.
  expect(catalog.get("broken")!.description).toBe("[unclosed");
  expect(problems).toEqual([]);

});

test("the bundled skills are embedded with their supporting files and valid frontmatter", async () => {
  const { catalog } = await loadCatalog({ cwd: tempDir(), home: tempDir() });
  const review = catalog.get("review-diff")!;
  expect(review.frontmatter.context).toBe("fork");
  expect(Object.keys(review.files!)).toEqual(["SKILL.md", "checklist.md"]);
  const commit = catalog.get("commit")!;
  expect(commit.frontmatter["disable-model-invocation"]).toBe(true);
  expect(commit.frontmatter["allowed-tools"]).toContain("Bash(git commit:*)");
});

test("descriptions are whole (Claude Code cuts at 1536 characters) until 1% of the context window is used, then names only", async () => {
  const cwd = tempDir();
  const long = `Use this skill when: ${"the task touches the database, ".repeat(12)}end.`;
  put(join(cwd, ".claude/skills/a-db/SKILL.md"), `---\ndescription: ${long}\n---\nbody`);
  put(join(cwd, ".claude/skills/b-huge/SKILL.md"), `---\ndescription: ${"x".repeat(2000)}\n---\nbody`);
  for (let i = 0; i < 40; i++) put(join(cwd, `.claude/skills/s${String(i).padStart(2, "0")}/SKILL.md`), `---\ndescription: skill number ${i} ${"y".repeat(150)}\n---\nbody`);
  const { catalog } = await loadCatalog({ cwd, home: tempDir() });
  expect(long.length).toBeGreaterThan(250);
  expect(catalog.get("a-db")!.description).toBe(long);
  expect(catalog.get("b-huge")!.description).toBe(`${"x".repeat(1535)}…`);
  expect(listingBudget(200_000, {})).toBe(8000);
  expect(listingBudget(200_000, { SLASH_COMMAND_TOOL_CHAR_BUDGET: "30000" })).toBe(30000);
  const listing = catalog.listing(listingBudget(200_000, {}))!;
  expect(listing).toContain(`- a-db: ${long}\n`);
  expect(listing).toContain("- s00: skill number 0 ");
  expect(listing).toContain("\n- s39\n");
  expect(listing.length).toBeLessThan(8000 + 40 * 8 + 300);
  expect(catalog.listing(1_000_000)).toContain("- s39: skill number 39 ");
});
