import { z } from "zod";

type AnySchema = z.core.$ZodType;
type AnyDef = z.core.$ZodTypeDef & Record<string, unknown>;

/** Wrapper types whose `innerType` decides what input the schema accepts. */
const WRAPPER_TYPES = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "catch",
  "readonly",
  "nonoptional",
]);

function getDef(schema: AnySchema): AnyDef {
  return schema._zod.def as AnyDef;
}

/** Returns whether a value is a zod 4 schema from any zod 4 build (classic or mini). */
export function isZodSchema(value: unknown): value is AnySchema {
  if (typeof value !== "object" || value === null || !("_zod" in value)) return false;
  const internals = (value as { _zod: unknown })._zod;
  return typeof internals === "object" && internals !== null && "def" in internals;
}

/**
 * Returns the schema that decides which input a schema accepts, looking through optional,
 * nullable, default and similar wrappers and through the input side of a pipe or transform.
 */
export function unwrapInputSchema(schema: AnySchema): AnySchema {
  let current = schema;
  for (let depth = 0; depth < 32; depth += 1) {
    const def = getDef(current);
    if (WRAPPER_TYPES.has(def.type)) current = def.innerType as AnySchema;
    else if (def.type === "pipe") current = def.in as AnySchema;
    else return current;
  }
  return current;
}

/** Returns the shape of an object schema, after unwrapping, or undefined for other schemas. */
export function getObjectShape(schema: AnySchema): Readonly<Record<string, AnySchema>> | undefined {
  const inner = unwrapInputSchema(schema);
  const def = getDef(inner);
  if (def.type !== "object") return undefined;
  return def.shape as Record<string, AnySchema>;
}

/** Returns the schema's type name after unwrapping, such as `number` or `array`. */
export function getInputType(schema: AnySchema): string {
  return getDef(unwrapInputSchema(schema)).type;
}

/** Returns the element schema of an array schema, after unwrapping. */
export function getArrayElement(schema: AnySchema): AnySchema | undefined {
  const def = getDef(unwrapInputSchema(schema));
  return def.type === "array" ? (def.element as AnySchema) : undefined;
}

const strictCache = new WeakMap<AnySchema, AnySchema>();

/**
 * Returns a copy of a schema in which every object rejects unknown keys, as `z.strictObject`
 * does, through arrays, wrappers, pipes, unions, records and tuples. An object that already
 * declares a catchall (`z.looseObject`, `.catchall()`) keeps it. Results are cached per schema.
 */
export function toStrictSchema<T extends AnySchema>(schema: T): T {
  const cached = strictCache.get(schema);
  if (cached !== undefined) return cached as T;

  const strict = convertToStrict(schema);
  strictCache.set(schema, strict);
  return strict as T;
}

function convertToStrict(schema: AnySchema): AnySchema {
  const def = getDef(schema);
  const next: AnyDef = { ...def };
  const convert = (value: unknown) => toStrictSchema(value as AnySchema);

  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, AnySchema>;
      next.shape = Object.fromEntries(
        Object.entries(shape).map(([key, value]) => [key, convert(value)]),
      );
      next.catchall = def.catchall ?? z.never();
      break;
    }
    case "array":
      next.element = convert(def.element);
      break;
    case "pipe":
      next.in = convert(def.in);
      next.out = convert(def.out);
      break;
    case "union":
      next.options = (def.options as AnySchema[]).map(convert);
      break;
    case "record":
      next.valueType = convert(def.valueType);
      break;
    case "tuple":
      next.items = (def.items as AnySchema[]).map(convert);
      if (def.rest !== null && def.rest !== undefined) next.rest = convert(def.rest);
      break;
    default:
      if (WRAPPER_TYPES.has(def.type)) {
        next.innerType = convert(def.innerType);
        break;
      }
      // NOTE: lazy and intersection schemas are kept as they are, so strict mode does not reach
      // objects inside them. Converting an intersection would make each side reject the other's keys.
      return schema;
  }
  return z.core.util.clone(schema, next as AnySchema["_zod"]["def"]);
}

/** Types whose output zod builds from scratch or copies as a primitive, never from input keys. */
const CLOSED_TYPES = new Set([
  "string",
  "number",
  "int",
  "boolean",
  "bigint",
  "symbol",
  "date",
  "enum",
  "literal",
  "null",
  "undefined",
  "void",
  "nan",
  "never",
  "template_literal",
  "transform",
]);

const passThroughCache = new WeakMap<AnySchema, boolean>();

/**
 * Returns whether a schema's output can hold object keys copied from the input: true when it
 * contains `z.any()`, `z.unknown()`, a record, an object with a catchall (`z.looseObject`), a
 * lazy or custom schema, or a type this check does not know. A plain `z.object` builds its
 * output from its declared keys only, so an undeclared `__proto__` is dropped, and in strict
 * mode reported by name. Results are cached per schema.
 */
export function canPassInputKeys(schema: AnySchema): boolean {
  const cached = passThroughCache.get(schema);
  if (cached !== undefined) return cached;
  // Counts as open while it is being checked, so a schema that contains itself ends the walk.
  passThroughCache.set(schema, true);
  const open = checkPassThrough(getDef(schema));
  passThroughCache.set(schema, open);
  return open;
}

function checkPassThrough(def: AnyDef): boolean {
  const check = (value: unknown) => canPassInputKeys(value as AnySchema);
  if (CLOSED_TYPES.has(def.type)) return false;
  if (WRAPPER_TYPES.has(def.type)) return check(def.innerType);

  switch (def.type) {
    case "object": {
      const catchall = def.catchall as AnySchema | undefined;
      if (catchall !== undefined && getDef(catchall).type !== "never") return true;
      return Object.values(def.shape as Record<string, AnySchema>).some(check);
    }
    case "array":
      return check(def.element);
    case "pipe":
      return check(def.in) || check(def.out);
    case "union":
      return (def.options as AnySchema[]).some(check);
    case "intersection":
      return check(def.left) || check(def.right);
    case "tuple":
      return (
        (def.items as AnySchema[]).some(check) ||
        (def.rest !== null && def.rest !== undefined && check(def.rest))
      );
    default:
      return true;
  }
}
