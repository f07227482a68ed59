import type { z } from "zod";
import { getArrayElement, getInputType, getObjectShape } from "./schema-shape.js";

/** A query as a raw string (with or without `?`), `URLSearchParams`, or a parsed object. */
export type QueryInput = string | URLSearchParams | Readonly<Record<string, unknown>>;

/** Conversion of one query key before validation. */
interface FieldCoercion {
  readonly kind: "number" | "boolean" | "text";
  readonly array: boolean;
}

/**
 * Decimal numbers only: no exponent, hex, `Infinity` or surrounding spaces, because `Number()`
 * reads all of those (and `Number("")` is 0). At most 20 integer digits, so a long digit string
 * cannot turn into `Infinity`.
 */
const DECIMAL_NUMBER = /^-?\d{1,20}(?:\.\d{1,11})?$/;

const planCache = new WeakMap<z.core.$ZodType, ReadonlyMap<string, FieldCoercion>>();

function getScalarKind(type: string): FieldCoercion["kind"] {
  if (type === "number") return "number";
  if (type === "boolean") return "boolean";
  return "text";
}

function buildCoercionPlan(schema: z.core.$ZodType): ReadonlyMap<string, FieldCoercion> {
  const cached = planCache.get(schema);
  if (cached !== undefined) return cached;

  const plan = new Map<string, FieldCoercion>();
  const shape = getObjectShape(schema) ?? {};
  for (const [key, field] of Object.entries(shape)) {
    const element = getArrayElement(field);
    if (element === undefined)
      plan.set(key, { kind: getScalarKind(getInputType(field)), array: false });
    else plan.set(key, { kind: getScalarKind(getInputType(element)), array: true });
  }
  planCache.set(schema, plan);
  return plan;
}

/**
 * Reads a query into an object without a prototype, so keys such as `constructor` or
 * `__proto__` are plain data. A key given once is a string; a repeated key is an array of its
 * values in order.
 */
export function readQueryInput(input: QueryInput | undefined): Record<string, unknown> {
  const record: Record<string, unknown> = Object.create(null);
  if (input === undefined) return record;

  if (typeof input === "string" || input instanceof URLSearchParams) {
    const params =
      typeof input === "string"
        ? new URLSearchParams(input.startsWith("?") ? input.slice(1) : input)
        : input;
    for (const [key, value] of params) {
      const previous = record[key];
      if (previous === undefined) record[key] = value;
      else if (Array.isArray(previous)) previous.push(value);
      else record[key] = [previous, value];
    }
    return record;
  }

  for (const key of Object.keys(input)) record[key] = input[key];
  return record;
}

function coerceScalar(value: unknown, kind: FieldCoercion["kind"]): unknown {
  if (typeof value !== "string" || kind === "text") return value;
  // An empty value (`?limit=`) counts as absent: the schema's default applies, or the key is
  // reported as required. It never becomes 0 or false.
  if (value === "") return undefined;
  if (kind === "number") return DECIMAL_NUMBER.test(value) ? Number(value) : value;
  // Only the exact words convert. `z.coerce.boolean()` would turn "false" and "0" into true.
  if (value === "true") return true;
  if (value === "false") return false;
  return value;
}

function coerceField(value: unknown, coercion: FieldCoercion): unknown {
  if (!coercion.array) {
    // A repeated key stays an array so validation reports it. Picking the first or last value
    // silently is unsafe, because proxies and frameworks disagree on which one wins.
    return Array.isArray(value) ? value : coerceScalar(value, coercion.kind);
  }
  if (value === undefined) return undefined;
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.map((item) => (item === "" ? item : coerceScalar(item, coercion.kind)));
}

/**
 * Converts the string values of a query, route parameters or headers to what the schema
 * expects, before validation:
 *
 * - a number schema takes decimal numbers only, and a boolean schema exactly `true` or `false`;
 * - an empty value counts as absent;
 * - an array schema gets an array even when the key is given once;
 * - anything else stays a string for the schema to check.
 *
 * Values that do not convert are left as they are, so validation names them.
 *
 * Only the first level of an object schema is read, and the plan is cached per schema.
 *
 * @example
 * coerceQueryValues(z.object({ limit: z.number().default(20), tag: z.array(z.string()) }), "limit=5&tag=a");
 * // { limit: 5, tag: ["a"] }
 */
export function coerceQueryValues(
  schema: z.core.$ZodType,
  input: QueryInput | undefined,
): Record<string, unknown> {
  const record = readQueryInput(input);
  const plan = buildCoercionPlan(schema);
  for (const [key, coercion] of plan) {
    if (!Object.hasOwn(record, key)) continue;
    const value = coerceField(record[key], coercion);
    if (value === undefined) delete record[key];
    else record[key] = value;
  }
  return record;
}
