// Parsing the same stored JSON again and again (an application's facts and assessment do not change
// between most of its transitions) costs CPU and garbage on the hot path. A small LRU keyed by the
// stored text hands back one parsed value per text, deep-frozen: nobody can change a value another
// request holds (strict-mode code that tries throws a TypeError), and the i18n edge may memoize its
// rendering of a frozen value (domain/i18n/localize-body.ts).
import { LRUCache } from 'lru-cache';

/** Freezes a JSON value and everything in it; returns it. */
export const deepFreeze = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const item of Object.values(value)) deepFreeze(item);
  return Object.freeze(value);
};

/** An LRU of parsed, deep-frozen JSON texts. */
export class FrozenJsonCache {
  private readonly entries: LRUCache<string, object> | null;

  /**
   * @param capacity texts kept (least recently used first out; 0: none)
   * @param minLength shorter texts are parsed every time (cheap, and not worth a slot)
   */
  constructor(
    capacity: number,
    private readonly minLength = 256,
  ) {
    this.entries = capacity > 0 ? new LRUCache({ max: capacity }) : null;
  }

  /** The parsed value of `text`: shared and frozen (copy it to change it). */
  parse<T>(text: string): T {
    if (this.entries === null || text.length < this.minLength) return JSON.parse(text) as T;
    const hit = this.entries.get(text);
    if (hit !== undefined) return hit as T;
    const value = deepFreeze(JSON.parse(text) as unknown);
    // Only objects and arrays are kept (a long JSON string or number is parsed again).
    if (typeof value === 'object' && value !== null) this.entries.set(text, value);
    return value as T;
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}
