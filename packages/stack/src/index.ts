export {
  type BulwarkStack,
  createStack,
  type RequestIdentity,
  type ResponseHeaders,
  type StackErrorFormat,
} from "./create-stack.js";
export {
  DEFAULT_STACK_LIMITS,
  isCoveredPath,
  normalizePath,
  type StackLimits,
  type StackLimitsOptions,
} from "./stack-limits.js";
export { type BulwarkStackOptions, CAPABILITY_OPTION_KEYS } from "./stack-options.js";
export type { ValidationInput } from "./validation.js";
