// Cost of writing one security event: a bare pino line, pino with its own path-based redaction,
// the monitor's logger sink (key-based redaction and escaping), and a full monitor publish that
// also counts the event in the memory store. Every logger writes to a stream that discards lines.
import { createSecurityEvent, type SecurityEvent } from "@bulwark/core";
import { createLoggerSink, createSecurityMonitor } from "@bulwark/monitor";
import { pino } from "pino";
import { compareThroughput, type RatioRow, toRatioRows } from "../harness.js";

const discard = { write: () => {} };
const CLIENTS = 10_000;

function buildEvents(): SecurityEvent[] {
  return Array.from({ length: CLIENTS }, (_, index) =>
    createSecurityEvent(
      "login.failed",
      {
        clientIp: `10.0.${index >> 8}.${index & 255}`,
        method: "POST",
        route: "/api/auth/login",
        requestId: `req-${index}`,
      },
      { username: `user${index}\r\n` },
    ),
  );
}

export async function run(): Promise<RatioRow[]> {
  const events = buildEvents();
  let next = 0;
  const nextEvent = () => {
    next = (next + 1) % CLIENTS;
    return events[next] as SecurityEvent;
  };

  const bare = pino({}, discard);
  const pinoRedact = pino(
    { redact: ["details.password", "details.token", "details.authorization"] },
    discard,
  );
  const sink = createLoggerSink({ destination: discard });
  const monitor = createSecurityMonitor({ sinks: [createLoggerSink({ destination: discard })] });

  const results = await compareThroughput(
    [
      { name: "pino line, no redaction", run: () => bare.info(nextEvent(), "Security event") },
      { name: "pino with redact paths", run: () => pinoRedact.info(nextEvent(), "Security event") },
      { name: "createLoggerSink write", run: () => sink.write(nextEvent()) },
      {
        name: "monitor publish (memory store)",
        run: () => {
          monitor.publish(nextEvent());
          // Await the queued counting every 100 events so pending work cannot pile up.
          if (next % 100 === 0) return monitor.flush();
          return undefined;
        },
      },
    ],
    { operations: 50_000, rounds: 5 },
  );
  await monitor.close();
  return toRatioRows("monitor event write", results);
}
