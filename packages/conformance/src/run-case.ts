import { sendRequest } from "./http-client.js";
import type { ConformanceCase, CreateApp, ReceivedResponse } from "./types.js";

/** Starts a fresh app for a case, sends its requests in order and returns what came back. */
export async function runCase(
  createApp: CreateApp,
  testCase: ConformanceCase,
): Promise<ReceivedResponse[]> {
  const app = await createApp(testCase.setup);
  try {
    const responses: ReceivedResponse[] = [];
    for (const step of testCase.steps) responses.push(await sendRequest(app.port, step.request));
    return responses;
  } finally {
    await app.close();
  }
}
