/**
 * The first place at or after an offset where something is found in a source, for a scanner whose offsets only
 * grow. The last answer is kept: it stays right for every later offset up to it, so something that is missing,
 * or far ahead, is not searched for again from every place that wants it, which made whole-document scans
 * quadratic. Any offset may be asked for; going back only costs a fresh search.
 */
export class ForwardSearch {
  private from = Number.POSITIVE_INFINITY;
  private found = -1;

  /** `find(from)` is the first offset at or after `from` where it is found, or -1. */
  constructor(private readonly find: (from: number) => number) {}

  /** A search for a fixed string, `source.indexOf(needle, from)`. */
  static of(source: string, needle: string): ForwardSearch {
    return new ForwardSearch((from) => source.indexOf(needle, from));
  }

  /** A search for a global or sticky-free regular expression: where its leftmost match at or after `from` starts. */
  static matching(source: string, pattern: RegExp): ForwardSearch {
    const global = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
    );
    return new ForwardSearch((from) => {
      global.lastIndex = from;
      return global.exec(source)?.index ?? -1;
    });
  }

  next(from: number): number {
    if (from < this.from || (this.found >= 0 && this.found < from)) {
      this.from = from;
      this.found = this.find(from);
    }
    return this.found;
  }
}
