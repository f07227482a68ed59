import type { BulwarkStackOptions } from "@bulwark/core";

/** Options of `bulwark(options)` and of each middleware: the options both adapters share. */
export type StackOptions = BulwarkStackOptions;

/** Keys of the capability options that this adapter wires, beyond the shared stack settings. */
export const CAPABILITY_OPTION_KEYS: readonly string[] = [];
