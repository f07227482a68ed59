import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { BodyPlan } from "./body-policy.js";
import { readRequestBody } from "./read-body.js";

function jsonPlan(overrides: Partial<BodyPlan> = {}): BodyPlan {
  return {
    kind: "json",
    mediaType: "application/json",
    limitBytes: 64,
    contentLength: undefined,
    boundary: undefined,
    ...overrides,
  };
}

function streamOf(...chunks: string[]): Readable {
  return Readable.from(chunks.map((chunk) => Buffer.from(chunk)));
}

async function readError(stream: Readable, plan: BodyPlan) {
  try {
    await readRequestBody(stream, plan);
  } catch (error) {
    return error;
  }
  throw new Error("expected readRequestBody to reject");
}

describe("readRequestBody", () => {
  it("parses JSON across chunks", async () => {
    const parsed = await readRequestBody(streamOf('{"na', 'me":"Ada"}'), jsonPlan());
    expect(parsed).toEqual({ body: { name: "Ada" }, files: [] });
  });

  it("decodes a character split across chunks", async () => {
    const bytes = Buffer.from('{"name":"Zoë"}');
    const split = bytes.indexOf(0xc3) + 1;
    const stream = Readable.from([bytes.subarray(0, split), bytes.subarray(split)]);
    expect((await readRequestBody(stream, jsonPlan())).body).toEqual({ name: "Zoë" });
  });

  it("drops a leading byte order mark", async () => {
    const stream = Readable.from([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf, 0x7b, 0x7d])]);
    expect((await readRequestBody(stream, jsonPlan())).body).toEqual({});
  });

  it("replaces invalid UTF-8 bytes", async () => {
    const invalid = Buffer.from([0x22, 0x61, 0xff, 0xc3, 0x22]);
    const parsed = await readRequestBody(Readable.from([invalid]), jsonPlan());
    expect(parsed.body).toBe("a\uFFFD\uFFFD");
  });

  it("returns undefined for an empty body", async () => {
    expect((await readRequestBody(streamOf(""), jsonPlan())).body).toBeUndefined();
  });

  it("rejects a stream past the limit", async () => {
    const error = await readError(streamOf("[", "1,".repeat(40), "1]"), jsonPlan());
    expect(error).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
  });

  it("rejects a length mismatch", async () => {
    const error = await readError(streamOf("{}"), jsonPlan({ contentLength: 10 }));
    expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST" });
  });

  it.each(["{", "{'a':1}", "NaN", "undefined"])("rejects malformed JSON %s", async (text) => {
    expect(await readError(streamOf(text), jsonPlan())).toMatchObject({
      status: 400,
      code: "MALFORMED_JSON",
    });
  });

  it.each([
    '{"__proto__":{"x":1}}',
    '[{"constructor":{"prototype":{"x":1}}}]',
    '{"a":{"b":[{"__proto__":null}]}}',
    '{"\\u005f_proto__":{"x":1}}',
    '{"__pr\\u006fto__" :{"x":1}}',
    '{"\\u0063onstructor":{"prototype":{}}}',
  ])("rejects prototype keys in %s", async (text) => {
    const error = await readError(streamOf(text), jsonPlan());
    expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST" });
  });

  it.each([
    '{"note":"__proto__ constructor"}',
    '{"constructor":"Ada"}',
    '{"constructor":{"name":"Ada"}}',
    '{"name":"\\u0041da"}',
  ])("accepts prototype words as values in %s", async (text) => {
    const parsed = await readRequestBody(streamOf(text), jsonPlan());
    expect(parsed.body).toEqual(JSON.parse(text));
  });

  it("parses urlencoded fields without a prototype", async () => {
    const parsed = await readRequestBody(
      streamOf("a=1&b=2&a=3&__proto__=x"),
      jsonPlan({ kind: "urlencoded", mediaType: "application/x-www-form-urlencoded" }),
    );
    const body = parsed.body as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBeNull();
    expect({ ...body }).toEqual({ a: ["1", "3"], b: "2", ["__proto__"]: "x" });
  });

  it("stops a multipart body at the limit", async () => {
    const part = `--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\n${"x".repeat(200)}\r\n--b--\r\n`;
    const plan = jsonPlan({ kind: "multipart", mediaType: "multipart/form-data", boundary: "b" });
    expect(await readError(streamOf(part), plan)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });
});
