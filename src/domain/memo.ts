// A cache for pure functions of one string. An import reads the same few values on every row
// (a theory level, an ethnic group, the words of names), so a reading is computed once per
// distinct text. Bounded: when full it starts again, so memory stays flat on any file.

export function memoByText<T>(fn: (text: string) => T, limit = 50_000): (text: string) => T {
  let cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    const value = fn(text);
    if (cache.size >= limit) cache = new Map();
    cache.set(text, value);
    return value;
  };
}
