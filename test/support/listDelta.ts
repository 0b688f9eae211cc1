import type { ListDelta } from '../../src/core/delta';

/** How many items a list delta carries: what an edit's answer sends of the list. */
export const sent = <T>(delta: ListDelta<T>): number =>
  delta.hunks.reduce((sum, hunk) => sum + hunk.items.length, 0);
