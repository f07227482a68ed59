// Client IP resolution of a 3-hop X-Forwarded-For chain behind a trusted-proxy list:
// proxy-addr (what Express's req.ip uses) as the baseline, then @bulwark/ip.
import type { IncomingMessage } from "node:http";
import { createCoreRequest } from "@bulwark/core";
import { createClientIpResolver } from "@bulwark/ip";
import proxyaddr from "proxy-addr";
import { compareThroughput, type RatioRow, toRatioRows } from "../harness.js";

const TRUSTED = ["loopback", "10.0.0.0/8"];
const CHAIN = "203.0.113.9, 10.0.0.1, 10.0.0.2";
const SOCKET_ADDRESS = "10.0.0.3";
const EXPECTED = "203.0.113.9";

export async function run(): Promise<RatioRow[]> {
  const trust = proxyaddr.compile(TRUSTED);
  // proxy-addr reads only `headers` and `socket.remoteAddress` from the request.
  const nodeRequest = {
    headers: { "x-forwarded-for": CHAIN },
    socket: { remoteAddress: SOCKET_ADDRESS },
  } as unknown as IncomingMessage;

  const resolver = createClientIpResolver({ trustProxy: TRUSTED });
  const coreRequest = createCoreRequest({
    method: "GET",
    url: "/api/contacts",
    headers: { "x-forwarded-for": CHAIN },
    remoteAddress: SOCKET_ADDRESS,
  });

  if (
    proxyaddr(nodeRequest, trust) !== EXPECTED ||
    resolver.resolve(coreRequest).address !== EXPECTED
  ) {
    throw new Error(`both candidates must resolve the chain to ${EXPECTED}`);
  }

  const results = await compareThroughput(
    [
      { name: "proxy-addr 2.0.8", run: () => proxyaddr(nodeRequest, trust) },
      { name: "@bulwark/ip resolve", run: () => resolver.resolve(coreRequest) },
    ],
    { operations: 200_000, rounds: 7 },
  );
  return toRatioRows("client IP, 3-hop X-Forwarded-For", results);
}
