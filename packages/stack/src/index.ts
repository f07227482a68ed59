export {
  type BulwarkStack,
  createStack,
  type RequestIdentity,
  type ResponseHeaders,
  type StackErrorFormat,
} from "./create-stack.js";
export { type BulwarkStackOptions, CAPABILITY_OPTION_KEYS } from "./stack-options.js";
