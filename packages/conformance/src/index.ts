export { BODY_CASES, MINIMAL_ROUTES } from "./cases-body.js";
export { CLIENT_IP_CASES } from "./cases-client-ip.js";
export { ERROR_CASES, THROWN_SECRET } from "./cases-errors.js";
export { GUIDE_CSP, HEADER_CASES } from "./cases-headers.js";
export { AUTH_LIMIT_MESSAGE, RATE_LIMIT_CASES, RATE_LIMIT_ROUTES } from "./cases-rate-limit.js";
export { SANITIZER_CASES } from "./cases-sanitizer.js";
export { VALIDATION_CASES, VALIDATION_ROUTES } from "./cases-validation.js";
export { CRM_CASES, SQL_LOOKING_NOTE } from "./crm/cases-crm.js";
export { createCrmSession } from "./crm/crm-session.js";
export { describeCrmConformance, describeCrmDifferential } from "./crm/describe-crm.js";
export { type CrmServerServices, describeCrmServer } from "./crm/describe-crm-server.js";
export { normalizeCrmTranscript } from "./crm/normalize-crm.js";
export { CRM_TEST_PASSWORDS, type StartCrmAppOptions, startCrmApp } from "./crm/start-crm-app.js";
export type {
  CrmCallOptions,
  CrmCase,
  CrmResponse,
  CrmSession,
  RunningCrmApp,
  StartCrmApp,
} from "./crm/types.js";
export {
  CONFORMANCE_CASES,
  describeConformance,
  describeDifferential,
} from "./describe-conformance.js";
export { describeEvents } from "./describe-events.js";
export { createRecordingLogger, describeErrorLogging, type LogLine } from "./describe-logging.js";
export { describeSharedStore } from "./describe-shared-store.js";
export { sendRequest } from "./http-client.js";
export { type NormalizedResponse, normalizeResponse, VOLATILE_HEADERS } from "./normalize.js";
export { runCase } from "./run-case.js";
export type {
  AppSetup,
  ConformanceCase,
  ConformanceStep,
  CreateApp,
  ExpectedResponse,
  ReceivedResponse,
  RequestSpec,
  RouteBehaviour,
  RouteSpec,
  RunningApp,
} from "./types.js";
