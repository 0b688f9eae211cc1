import * as path from 'node:path';
import type { ProjectFiles } from '../../src/core/markup/latexProject';

/** A LaTeX project in memory under `root`: its files by name, and `list` of each folder's `.tex` files. */
export function memoryProject(root: string, files: Record<string, string>): ProjectFiles {
  const byPath = new Map(Object.entries(files).map(([name, text]) => [path.join(root, name), text]));
  return {
    read: (file) => byPath.get(file),
    list: (folder) => [...byPath.keys()].filter((f) => path.dirname(f) === folder).sort(),
  };
}
