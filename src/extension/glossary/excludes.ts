/** Turning `files.exclude`-style settings into the one exclude glob that a file search takes. */

/** Expands brace groups (`*.{a,b}` → `*.a`, `*.b`), innermost first, so the result has none. */
export function expandBraces(pattern: string): string[] {
  const match = /\{([^{}]*)\}/.exec(pattern);
  if (!match) return [pattern];
  const before = pattern.slice(0, match.index);
  const after = pattern.slice(match.index + match[0].length);
  return [...new Set(match[1].split(',').flatMap((option) => expandBraces(before + option + after)))];
}

/**
 * One glob matching everything that any of the settings (`{"**\/node_modules": true, …}`) excludes: the keys
 * set to `true`, brace groups expanded because a glob's braces do not nest. Conditional entries
 * (`{"when": …}`) and `false` ones are left out. Undefined when nothing is excluded.
 */
export function excludeGlob(...settings: (Record<string, unknown> | undefined)[]): string | undefined {
  const patterns = new Set<string>();
  for (const setting of settings) {
    for (const [pattern, value] of Object.entries(setting ?? {})) {
      if (value === true) expandBraces(pattern).forEach((p) => patterns.add(p));
    }
  }
  if (patterns.size === 0) return undefined;
  return patterns.size === 1 ? [...patterns][0] : `{${[...patterns].join(',')}}`;
}
