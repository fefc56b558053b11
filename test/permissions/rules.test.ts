import { expect, test } from "bun:test";
import { splitRuleList } from "../../src/permissions/create.ts";
import { absolutePattern, matchesCommand, matchesDomain, matchesPath, parseRule, patternReaches, ruleCoversTool, ruleSubject } from "../../src/permissions/rules.ts";

test("rules parse as Tool or Tool(specifier); malformed ones say why", () => {
  expect(parseRule("Bash")).toEqual({ tool: "Bash" });
  expect(parseRule("Bash(npm test:*)")).toEqual({ tool: "Bash", specifier: "npm test:*" });
  expect(parseRule("Bash(*)")).toEqual({ tool: "Bash" });
  expect(parseRule("mcp__github__create_issue")).toEqual({ tool: "mcp__github__create_issue" });
  expect(parseRule("Bash(npm")).toContain("is not a permission rule");
  expect(parseRule("Bash()")).toContain("empty specifier");
  // Claude Code's wildcard for every tool of a server is the server rule itself.
  expect(parseRule("mcp__github__*")).toEqual({ tool: "mcp__github" });
  expect(parseRule("mcp__my_server__*")).toEqual({ tool: "mcp__my_server" });
  expect(parseRule("mcp__*")).toContain("is not a permission rule");
});

test("Bash specifiers: exact, prefix with :*, and * wildcards", () => {
  expect(matchesCommand("npm run build", "npm run build")).toBe(true);
  expect(matchesCommand("npm run build", "npm run build --prod")).toBe(false);
  expect(matchesCommand("npm test:*", "npm test")).toBe(true);
  expect(matchesCommand("npm test:*", "npm test -- --watch")).toBe(true);
  expect(matchesCommand("npm test:*", "npm tests")).toBe(false);
  expect(matchesCommand("git * main", "git push origin main")).toBe(true);
  expect(matchesCommand("git * main", "git push origin main2")).toBe(false);
  expect(matchesCommand("ls *", "ls")).toBe(true);
  expect(matchesCommand("ls *", "lsof")).toBe(false);
});

test("path specifiers: ./ and bare from the working directory, / from the rule's root, // absolute, ~ home, no slash at any depth", () => {
  const roots = { cwd: "/p/sub", root: "/p", home: "/h" };
  expect(absolutePattern("./src/**", roots)).toBe("/p/sub/src/**");
  expect(absolutePattern("src/**", roots)).toBe("/p/sub/src/**");
  expect(absolutePattern("/src/**", roots)).toBe("/p/src/**");
  expect(absolutePattern("//etc/**", roots)).toBe("/etc/**");
  expect(absolutePattern("~/.ssh/**", roots)).toBe("/h/.ssh/**");
  expect(absolutePattern("*.env", roots)).toBe("/p/sub/**/*.env");
  expect(absolutePattern("./secrets", roots)).toBe("/p/sub/secrets");
  expect(absolutePattern("../other/**", roots)).toBe("/p/other/**");
});

test("a path pattern matches the path or a folder above it; reach covers folders that may hold matches", () => {
  expect(matchesPath("/p/secrets/**", "/p/secrets/a/b.txt")).toBe(true);
  expect(matchesPath("/p/secrets", "/p/secrets/a/b.txt")).toBe(true);
  expect(matchesPath("/p/secrets/**", "/p/secretsx")).toBe(false);
  expect(matchesPath("/p/**/*.env", "/p/a/.env")).toBe(true);
  expect(matchesPath("/p/**/*.env", "/p/a/prod.env")).toBe(true);
  expect(patternReaches("/p/secrets/**", "/p")).toBe(true);
  expect(patternReaches("/p/secrets/**", "/p/secrets/deep")).toBe(true);
  expect(patternReaches("/p/secrets/**", "/p/src")).toBe(false);
  expect(patternReaches("/p/**/*.env", "/p/src")).toBe(true);
});

test("Edit rules cover every writer, Read rules every reader, mcp__server every tool of that server", () => {
  expect(ruleCoversTool("Edit", "Write")).toBe(true);
  expect(ruleCoversTool("Edit", "NotebookEdit")).toBe(true);
  expect(ruleCoversTool("Read", "Grep")).toBe(true);
  expect(ruleCoversTool("Read", "Edit")).toBe(false);
  expect(ruleCoversTool("mcp__github", "mcp__github__create_issue")).toBe(true);
  expect(ruleCoversTool("mcp__github", "mcp__githubx__a")).toBe(false);
  expect(ruleCoversTool("mcp__github__a", "mcp__github__b")).toBe(false);
  expect(ruleCoversTool("Task", "Agent")).toBe(true);
  expect(ruleSubject("Agent", { description: "look around", prompt: "p", subagent_type: "Explore" })).toBe("Explore");
  expect(ruleSubject("Agent", { description: "d", prompt: "p" })).toBe("general-purpose");
  expect(ruleSubject("Skill", { args: "x", skill: "deploy" })).toBe("deploy");
});

test("WebFetch(domain:…) matches the host, *. its subdomains", () => {
  expect(matchesDomain("domain:example.com", "https://example.com/x")).toBe(true);
  expect(matchesDomain("domain:example.com", "https://evil.com/?example.com")).toBe(false);
  expect(matchesDomain("domain:*.example.com", "https://docs.example.com")).toBe(true);
});

test("flag rule lists split at commas and spaces outside parentheses", () => {
  expect(splitRuleList("Bash(git log:*),Read Edit(./src/**)")).toEqual(["Bash(git log:*)", "Read", "Edit(./src/**)"]);
  expect(splitRuleList("Bash(npm run test, lint)")).toEqual(["Bash(npm run test, lint)"]);
});
