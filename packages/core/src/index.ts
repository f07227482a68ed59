export {
  BODY_METHODS,
  type BodyKind,
  type BodyLimits,
  type BodyPlan,
  type BodyRequestHead,
  classifyMediaType,
  createPayloadTooLargeError,
  DEFAULT_BODY_LIMITS,
  formatBytes,
  planRequestBody,
  type RawHeaderSource,
  readContentTypeLines,
  rejectBody,
} from "./body-policy.js";
export {
  BulwarkError,
  type BulwarkErrorOptions,
  createHttpError,
  type FieldError,
  type HeaderTuple,
  type HttpErrorOptions,
} from "./bulwark-error.js";
export type { BulwarkOptions } from "./bulwark-options.js";
export { checkOptionsObject, isPlainObject, type OptionsErrorFactory } from "./check-options.js";
export { describeValue } from "./describe-value.js";
export { DISCARD_LIMIT_BYTES, discardUnreadBody } from "./discard-body.js";
export {
  type AttachedSecurityEvent,
  attachSecurityEvent,
  getAttachedSecurityEvent,
} from "./error-event.js";
export {
  buildErrorBody,
  ERROR_CONTENT_TYPE,
  type ErrorBody,
  type ErrorResponse,
  toErrorResponse,
} from "./error-response.js";
export { type Logger, type LogMethod, NOOP_LOGGER } from "./logger.js";
export { type ParsedBody, readRequestBody } from "./read-body.js";
export { MULTIPART_PART_LIMITS, type UploadedFile } from "./read-multipart.js";
export { type RenderedError, renderRequestError } from "./render-error.js";
export {
  type CoreRequest,
  type CoreRequestInit,
  createCoreRequest,
  getHeader,
  getHeaderValues,
  type HeaderValue,
  type RequestHeaders,
} from "./request.js";
export { type RequestIdOptions, resolveRequestId } from "./request-id.js";
export {
  isResponseCode,
  RESPONSE_CODES,
  type ResponseCode,
  type ResponseCodeEntry,
} from "./response-codes.js";
export {
  type AlertSeverity,
  createSecurityEvent,
  SECURITY_EVENT_TYPES,
  type SecurityEvent,
  type SecurityEventContext,
  type SecurityEventDetails,
  type SecurityEventPublisher,
  type SecurityEventType,
} from "./security-event.js";
export {
  createSecurityEventBus,
  type SecurityEventBus,
  type SecurityEventBusOptions,
  type SecurityEventListener,
} from "./security-event-bus.js";
export {
  parseStackSettings,
  STACK_SETTING_KEYS,
  type StackOptionsErrorFormat,
  type StackSettings,
} from "./stack-options.js";
export {
  createWarningEmitter,
  type WarningEmitter,
  type WarningEmitterOptions,
} from "./warnings.js";
