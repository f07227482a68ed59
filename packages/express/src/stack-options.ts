import { type BulwarkStack, type BulwarkStackOptions, createStack } from "@bulwark/stack";
import { createExpressError } from "./errors.js";

/** Options of `bulwark(options)` and of each middleware: the options both adapters share. */
export type StackOptions = BulwarkStackOptions;

/** Builds a stack from options, throwing `ERR_EXPRESS_INVALID_OPTIONS` for invalid ones. */
export function createExpressStack(options: StackOptions | undefined, label: string): BulwarkStack {
  return createStack(options, {
    code: "ERR_EXPRESS_INVALID_OPTIONS",
    label,
    createError: createExpressError,
  });
}
