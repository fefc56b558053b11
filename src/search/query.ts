import type { FileHits, SearchMode } from "./search-text.ts";

/** A Grep call, resolved: what both engines (ripgrep and the built-in one) take. */
export type GrepQuery = {
  /** Absolute file or folder to search. */
  root: string;
  /** How paths are shown: relative to this folder when inside it (the session's cwd). */
  cwd: string;
  pattern: string;
  mode: SearchMode;
  ignoreCase: boolean;
  multiline: boolean;
  onlyMatching: boolean;
  before: number;
  after: number;
  globs: string[];
  type?: string;
  /** Output lines (content) or files (count) after which the rest is not needed; undefined: all. */
  enough?: number;
};

/** One file's results, its path as shown to the model. */
export type FileResult = FileHits & { path: string };
