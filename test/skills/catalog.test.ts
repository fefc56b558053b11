import { expect, test } from "bun:test";
import { join } from "node:path";
import { loadCatalog } from "../../src/skills/catalog.ts";
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
  expect(catalog.get("lint-all")).toMatchObject({ description: "nanocode lint", kind: "skill", source: ".nanocode/skills/lint/SKILL.md" });
  expect(catalog.get("db:migrate")).toMatchObject({ description: "Run the migrations", kind: "command" });
  // A `paths:` skill is known (and /python works), but the model is told of it only once it touches a .py file.
  expect(catalog.get("python")).toMatchObject({ root: cwd, frontmatter: { paths: ["**/*.py"] } });
  expect(catalog.pathScoped().map((c) => c.name)).toEqual(["python"]);
  expect(catalog.listing()).not.toContain("python only");
  expect(catalog.get("review-diff")!.source).toBe("bundled");
  const forModel = catalog.forModel().map((c) => c.name);
  expect(forModel).not.toContain("secret");
  expect(forModel).toContain("background");
  expect(forModel.indexOf("review-diff")).toBeLessThan(forModel.indexOf("db:migrate")); // skills before commands
  expect(catalog.forUser().map((c) => c.name)).not.toContain("background");
  expect(problems).toHaveLength(1);
  expect(problems[0]).toStartWith(".claude/skills/broken/SKILL.md: invalid YAML frontmatter");

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
