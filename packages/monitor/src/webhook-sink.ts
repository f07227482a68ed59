import { setTimeout as sleep } from "node:timers/promises";
import {
  checkOptionsObject,
  describeValue,
  type Logger,
  NOOP_LOGGER,
  type SecurityEvent,
} from "@bulwark/core";
import { checkInteger } from "./check-number.js";
import { createMonitorError, MonitorError } from "./errors.js";
import { parseEventTypes, type SecuritySink } from "./security-sink.js";
import { createThrottledLog } from "./throttled-log.js";
import { buildWebhookBody, type WebhookFormat } from "./webhook-payload.js";

/** Options of `createWebhookSink`. */
export interface WebhookSinkOptions {
  /** Absolute `http:` or `https:` URL that receives a POST per event. Never logged whole. */
  readonly url: string;
  /** `json` (default) posts the redacted event; `slack` posts `{ text }` for Slack-style hooks. */
  readonly format?: WebhookFormat;
  /** Event types to send. Defaults to `["alert.raised"]`. */
  readonly eventTypes?: readonly SecurityEvent["type"][];
  /** Extra request headers, such as a receiver's token. Never logged. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Time limit of one attempt in milliseconds, from 1 to 60000. Defaults to 5000. */
  readonly timeoutMs?: number;
  /** Attempts after the first, from 0 to 10. Defaults to 3. */
  readonly maxRetries?: number;
  /** Delay before the first retry in milliseconds, doubled for each later one. Defaults to 1000. */
  readonly retryDelayMs?: number;
  /** Events waiting for delivery at most, from 1 to 100000. Defaults to 1000. */
  readonly maxQueueSize?: number;
  /** Receives `ERR_MONITOR_WEBHOOK_FAILED` and `ERR_MONITOR_EVENTS_DROPPED`, at most once a minute each. */
  readonly logger?: Logger;
}

/** Delivery counters of a webhook sink since it was created. */
export interface WebhookSinkStats {
  readonly delivered: number;
  /** Events whose last attempt failed. */
  readonly failed: number;
  /** Events dropped because the queue was full or the sink was closing. */
  readonly dropped: number;
  readonly queued: number;
}

/** A webhook sink, with its delivery counters. */
export interface WebhookSink extends Required<SecuritySink> {
  getStats(): WebhookSinkStats;
}

const OPTION_KEYS = [
  "url",
  "format",
  "eventTypes",
  "headers",
  "timeoutMs",
  "maxRetries",
  "retryDelayMs",
  "maxQueueSize",
  "logger",
] as const;

/** Maximum delay between two attempts, in milliseconds, whatever the backoff or Retry-After. */
export const MAX_RETRY_DELAY_MS = 30_000;

type AttemptResult =
  | { ok: true }
  | { ok: false; retryable: boolean; status?: number; retryAfterMs?: number; error?: unknown };

interface WebhookSettings {
  readonly url: URL;
  readonly format: WebhookFormat;
  readonly eventTypes: ReadonlySet<SecurityEvent["type"]> | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly maxQueueSize: number;
  readonly logger: Logger;
}

/**
 * Creates a sink that POSTs events as JSON to a webhook. `write` only queues: one worker sends the
 * queue in order, each attempt with a timeout, retrying network errors, timeouts, 408, 429 and 5xx
 * with exponential backoff and jitter. A full queue drops the new event. Drops and final failures
 * are counted in `getStats()` and logged, so a slow or failing webhook never blocks or fails
 * request handling. Redirects are not followed, because a redirect could send alerts to another
 * host. `close` sends what is queued until one delivery fails, then drops the rest.
 *
 * Throws `ERR_MONITOR_INVALID_WEBHOOK_URL`, `ERR_MONITOR_INVALID_NUMBER` or
 * `ERR_MONITOR_INVALID_OPTIONS` for invalid options.
 *
 * @example
 * const sink = createWebhookSink({ url: process.env.ALERT_WEBHOOK_URL, format: "slack" });
 */
export function createWebhookSink(options: WebhookSinkOptions): WebhookSink {
  const settings = parseWebhookOptions(options);
  const log = createThrottledLog(settings.logger, Date.now);
  // Only the origin is logged, because hooks such as Slack's carry their secret in the path.
  const origin = settings.url.origin;
  const queue: SecurityEvent[] = [];
  const closing = new AbortController();
  let worker: Promise<void> | undefined;
  let delivered = 0;
  let failed = 0;
  let dropped = 0;

  const drop = (count: number, reason: string) => {
    dropped += count;
    log("ERR_MONITOR_EVENTS_DROPPED", { origin, dropped, reason }, "Webhook events dropped");
  };

  const deliver = async (event: SecurityEvent): Promise<boolean> => {
    const body = buildWebhookBody(event, settings.format);
    let last: AttemptResult = { ok: false, retryable: false };
    for (let attempt = 0; attempt <= settings.maxRetries; attempt += 1) {
      if (attempt > 0) {
        const waited = await waitBeforeRetry(attempt, last, settings.retryDelayMs, closing.signal);
        if (!waited) break;
      }
      last = await sendOnce(settings, body);
      if (last.ok) return true;
      if (!last.retryable || closing.signal.aborted) break;
    }
    failed += 1;
    const failure = last.ok ? {} : { status: last.status, err: last.error };
    log(
      "ERR_MONITOR_WEBHOOK_FAILED",
      { origin, eventType: event.type, requestId: event.requestId, ...failure },
      "Webhook delivery failed",
    );
    return false;
  };

  const drain = async () => {
    for (let event = queue.shift(); event !== undefined; event = queue.shift()) {
      const ok = await deliver(event);
      if (ok) delivered += 1;
      else if (closing.signal.aborted && queue.length > 0) drop(queue.splice(0).length, "closing");
    }
  };

  const startWorker = () => {
    worker ??= drain().finally(() => {
      worker = undefined;
    });
  };

  return {
    write(event) {
      if (settings.eventTypes !== undefined && !settings.eventTypes.has(event.type)) return;
      if (closing.signal.aborted) return drop(1, "closed");
      if (queue.length >= settings.maxQueueSize) return drop(1, "queue full");
      queue.push(event);
      startWorker();
    },
    async flush() {
      while (worker !== undefined) await worker;
    },
    async close() {
      closing.abort();
      await this.flush();
    },
    getStats: () => ({ delivered, failed, dropped, queued: queue.length }),
  };
}

async function sendOnce(settings: WebhookSettings, body: string): Promise<AttemptResult> {
  let response: Response;
  try {
    response = await fetch(settings.url, {
      method: "POST",
      headers: { ...settings.headers, "content-type": "application/json" },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (error) {
    // Network errors and timeouts are worth retrying: the receiver may be restarting.
    return { ok: false, retryable: true, error };
  }
  // The body is not read, but cancelling it frees the connection for the next delivery.
  await response.body?.cancel().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true };

  const status = response.status;
  const retryable = status === 408 || status === 429 || status >= 500;
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
  return { ok: false, retryable, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

// Returns false when the sink started closing during the wait.
async function waitBeforeRetry(
  attempt: number,
  last: AttemptResult,
  baseDelayMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  const backoff = baseDelayMs * 2 ** (attempt - 1);
  // Jitter spreads the retries of several instances that failed at the same moment.
  const jittered = backoff / 2 + Math.random() * (backoff / 2);
  const requested = last.ok ? 0 : (last.retryAfterMs ?? 0);
  const delay = Math.min(Math.max(jittered, requested), MAX_RETRY_DELAY_MS);
  try {
    await sleep(delay, undefined, { signal, ref: false });
    return true;
  } catch {
    return false;
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || !/^\d{1,6}$/.test(value.trim())) return undefined;
  return Number(value.trim()) * 1000;
}

function parseWebhookOptions(options: WebhookSinkOptions): WebhookSettings {
  const checked = checkOptionsObject(
    options,
    OPTION_KEYS,
    "ERR_MONITOR_INVALID_OPTIONS",
    "createWebhookSink",
    createMonitorError,
  );
  const url = parseWebhookUrl(checked.url);
  const format = checked.format ?? "json";
  if (format !== "json" && format !== "slack") {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_OPTIONS",
      `format must be "json" or "slack", got ${describeValue(format)}.`,
    );
  }
  const headers = checked.headers ?? {};
  if (
    typeof headers !== "object" ||
    headers === null ||
    Object.values(headers).some((value) => typeof value !== "string")
  ) {
    throw new MonitorError(
      "ERR_MONITOR_INVALID_OPTIONS",
      "headers must be an object of string header values.",
    );
  }

  return {
    url,
    format,
    eventTypes: parseEventTypes(checked.eventTypes ?? ["alert.raised"], "createWebhookSink"),
    headers: headers as Record<string, string>,
    timeoutMs: checkInteger(checked.timeoutMs, "timeoutMs", 5000, {
      min: 1,
      max: 60_000,
      example: 5000,
    }),
    maxRetries: checkInteger(checked.maxRetries, "maxRetries", 3, { min: 0, max: 10, example: 3 }),
    retryDelayMs: checkInteger(checked.retryDelayMs, "retryDelayMs", 1000, {
      min: 0,
      max: MAX_RETRY_DELAY_MS,
      example: 1000,
    }),
    maxQueueSize: checkInteger(checked.maxQueueSize, "maxQueueSize", 1000, {
      min: 1,
      max: 100_000,
      example: 1000,
    }),
    logger: (checked.logger as Logger | undefined) ?? NOOP_LOGGER,
  };
}

function parseWebhookUrl(value: unknown): URL {
  const url = typeof value === "string" && URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    // The value is not printed, because a webhook URL usually carries its secret.
    throw new MonitorError(
      "ERR_MONITOR_INVALID_WEBHOOK_URL",
      `url must be an absolute http: or https: URL, got ${typeof value === "string" ? "a string that is not one" : describeValue(value)}. Use the URL your alerting service gives for incoming webhooks.`,
    );
  }
  return url;
}
