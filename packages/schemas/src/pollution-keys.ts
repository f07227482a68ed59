import { isPlainObject } from "@bulwark/core";

/**
 * Finds the keys that can pollute an object prototype: every own `__proto__` key, and a
 * `constructor` key whose value is an object with a `prototype` key. `JSON.parse` creates
 * `__proto__` as an ordinary own property, and code that later merges the parsed value into
 * another object (a deep merge, `Object.assign` on a nested target) would then write to
 * `Object.prototype`. `constructor` alone is left alone, because it is a plausible field name.
 *
 * Walks arrays and plain objects without recursion, so a deeply nested body cannot overflow the
 * stack, and returns the paths of at most `maxCount` keys.
 */
export function findPollutionKeys(value: unknown, maxCount: number): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  const visited = new Set<object>();

  while (pending.length > 0 && found.length < maxCount) {
    const entry = pending.pop() as { value: unknown; path: PropertyKey[] };
    const current = entry.value;
    if (typeof current !== "object" || current === null || visited.has(current)) continue;
    visited.add(current);

    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) {
        const item: unknown = current[index];
        if (typeof item === "object" && item !== null) {
          pending.push({ value: item, path: [...entry.path, index] });
        }
      }
      continue;
    }
    if (!isPlainObject(current)) continue;

    const keys = Object.keys(current);
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const key = keys[index] as string;
      const child = current[key];
      if (key === "__proto__" || (key === "constructor" && hasPrototypeKey(child))) {
        found.push([...entry.path, key]);
      } else if (typeof child === "object" && child !== null) {
        pending.push({ value: child, path: [...entry.path, key] });
      }
    }
  }
  return found.slice(0, maxCount);
}

function hasPrototypeKey(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.hasOwn(value, "prototype");
}
