import type * as YamlLibrary from "yaml";

/** What reads a frontmatter block. */
export type Yaml = { parse(text: string): unknown };

/**
 * The yaml library with its own warnings off: left on, it prints `(node:PID) Warning: …` lines on
 * stderr (a `{{placeholder}}` key, a duplicate key) that the user can do nothing about. Errors still throw.
 */
export const quietYaml = (library: typeof YamlLibrary): Yaml => ({ parse: (text) => library.parse(text, { logLevel: "error" }) });

/** The quiet parser, loaded on first use: importing `yaml` costs ~20 ms, so only files with frontmatter pay. */
export const loadYaml = async (): Promise<Yaml> => quietYaml(await import("yaml"));
