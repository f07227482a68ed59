// Child process of the HTTP benchmark: starts one server variant on 127.0.0.1 and reports the
// CPU time it spends between the parent's "start" and "stop" messages. The load generator runs in
// the parent, so this process's CPU time is the server's alone.
import { isVariantName, startVariant } from "./variants.js";

/** Messages from the parent. */
export type ParentMessage = { type: "start" } | { type: "stop" } | { type: "shutdown" };

/** Messages to the parent. */
export type ServerMessage =
  | { type: "ready"; port: number }
  | { type: "started" }
  | { type: "measured"; cpuMicroseconds: number; requests: number };

const name = process.argv[2] ?? "";
if (!isVariantName(name)) throw new Error(`Unknown server variant ${JSON.stringify(name)}.`);
if (process.send === undefined)
  throw new Error("The server process must be started with an IPC channel.");
const send = process.send.bind(process);

const running = await startVariant(name);
let requests = 0;
running.server.on("request", () => {
  requests += 1;
});

let cpuStart = process.cpuUsage();
let requestsAtStart = 0;

process.on("message", (message: ParentMessage) => {
  if (message.type === "start") {
    requestsAtStart = requests;
    cpuStart = process.cpuUsage();
    send({ type: "started" } satisfies ServerMessage);
  } else if (message.type === "stop") {
    const usage = process.cpuUsage(cpuStart);
    send({
      type: "measured",
      cpuMicroseconds: usage.user + usage.system,
      requests: requests - requestsAtStart,
    } satisfies ServerMessage);
  } else if (message.type === "shutdown") {
    // Closing idle keep-alive sockets lets the process exit normally, so --cpu-prof writes its file.
    running.server.closeAllConnections();
    void running.close().then(() => process.exit(0));
  }
});

// Exits when the parent goes away, so an interrupted benchmark leaves no server behind.
process.on("disconnect", () => process.exit(0));

const address = running.server.address();
if (address === null || typeof address === "string") throw new Error("The server has no TCP port.");
send({ type: "ready", port: address.port } satisfies ServerMessage);
