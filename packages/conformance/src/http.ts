// Entry point without Vitest, for programs such as the demo that send requests and compare them.
export { normalizeCrmTranscript } from "./crm/normalize-crm.js";
export { sendRequest } from "./http-client.js";
export { type NormalizedResponse, normalizeResponse, VOLATILE_HEADERS } from "./normalize.js";
export type { ReceivedResponse, RequestSpec } from "./types.js";
