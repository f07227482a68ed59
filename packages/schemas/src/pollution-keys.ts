import { isPlainObject } from "@bulwark/core";

/** A value waiting to be walked, linked to its parent so paths are built only when needed. */
interface PendingValue {
  readonly value: unknown;
  readonly key: PropertyKey | undefined;
  readonly parent: PendingValue | undefined;
}

function buildPath(entry: PendingValue, key: PropertyKey): PropertyKey[] {
  const path: PropertyKey[] = [key];
  for (
    let current: PendingValue | undefined = entry;
    current?.key !== undefined;
    current = current.parent
  ) {
    path.push(current.key);
  }
  return path.reverse();
}

function hasPrototypeKey(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.hasOwn(value, "prototype");
}

/**
 * Finds the keys that can pollute an object prototype: every own `__proto__` key, and a
 * `constructor` key whose value is an object with a `prototype` key. `JSON.parse` creates
 * `__proto__` as an ordinary own property, and code that later merges the parsed value into
 * another object (a deep merge, `Object.assign` on a nested target) would then write to
 * `Object.prototype`. `constructor` alone is allowed, because it is a plausible field name.
 *
 * Walks arrays and plain objects without recursion, so a deeply nested body cannot overflow the
 * stack, and returns the paths of at most `maxCount` keys.
 */
export function findPollutionKeys(value: unknown, maxCount: number): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const pending: PendingValue[] = [{ value, key: undefined, parent: undefined }];
  const visited = new Set<object>();

  while (pending.length > 0 && found.length < maxCount) {
    const entry = pending.pop() as PendingValue;
    const current = entry.value;
    if (typeof current !== "object" || current === null || visited.has(current)) continue;
    visited.add(current);

    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) {
        const item: unknown = current[index];
        if (typeof item === "object" && item !== null)
          pending.push({ value: item, key: index, parent: entry });
      }
      continue;
    }
    if (!isPlainObject(current)) continue;

    const keys = Object.keys(current);
    const children: PendingValue[] = [];
    for (const key of keys) {
      const child = current[key];
      if (key === "__proto__" || (key === "constructor" && hasPrototypeKey(child))) {
        if (found.length < maxCount) found.push(buildPath(entry, key));
      } else if (typeof child === "object" && child !== null) {
        children.push({ value: child, key, parent: entry });
      }
    }
    for (let index = children.length - 1; index >= 0; index -= 1)
      pending.push(children[index] as PendingValue);
  }
  return found;
}
