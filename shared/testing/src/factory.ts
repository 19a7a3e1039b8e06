/**
 * Test data factories: `defineFactory((n) => defaults)` gives `build(overrides)` and
 * `buildList(count, overrides)`, where `n` counts up so unique fields stay unique.
 */

export interface Factory<T> {
  build(overrides?: Partial<T>): T;
  buildList(count: number, overrides?: Partial<T>): T[];
}

export function defineFactory<T extends object>(defaults: (sequence: number) => T): Factory<T> {
  let sequence = 0;
  const build = (overrides: Partial<T> = {}): T => {
    sequence += 1;
    return { ...defaults(sequence), ...overrides };
  };
  return {
    build,
    buildList: (count, overrides) => Array.from({ length: count }, () => build(overrides)),
  };
}
