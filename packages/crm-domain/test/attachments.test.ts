import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sanitizeFilename, sniffContentType } from "../src/index.js";
import { createTestCrm, type TestCrm } from "./crm-harness.js";

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
]);
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n");
const ELF = Uint8Array.from([
  0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0,
]);
const TEXT = new TextEncoder().encode("Call back on Tuesday.\n");

describe("sniffContentType", () => {
  it.each([
    ["PNG", PNG, "image/png"],
    ["PDF", PDF, "application/pdf"],
    ["UTF-8 text", TEXT, "text/plain"],
    ["ELF binary", ELF, "application/x-elf"],
    ["NUL bytes", Uint8Array.from([1, 0, 2, 0, 3]), "application/octet-stream"],
  ])("detects %s", async (_label, content, expected) => {
    expect(await sniffContentType(content)).toBe(expected);
  });
});

describe("sanitizeFilename", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\x\\report.pdf", "report.pdf"],
    ['evil"\r\nX-Header: 1.txt', "evilX-Header: 1.txt"],
    ["", "attachment"],
    ["..", "attachment"],
    ["a".repeat(300), "a".repeat(255)],
  ])("cleans %j", (input, expected) => {
    expect(sanitizeFilename(input)).toBe(expected);
  });
});

describe("POST /api/attachments", () => {
  let harness: TestCrm;
  let agent: string;

  beforeAll(async () => {
    harness = await createTestCrm({ contactCount: 1 });
    agent = await harness.login("agent");
  });
  afterAll(() => harness?.close());

  const upload = (
    content: Uint8Array,
    fields: Record<string, string> = {},
    contentType = "image/png",
  ) =>
    harness.call("POST", "/api/attachments", {
      token: agent,
      multipart: { fields, file: { filename: "photo.png", contentType, content } },
    });

  it("stores the sniffed type", async () => {
    const response = await upload(PDF, {}, "image/png");
    expect(response.status).toBe(201);
    expect(response.body.attachment).toMatchObject({
      contentType: "application/pdf",
      declaredContentType: "image/png",
      sizeBytes: PDF.byteLength,
      filename: "photo.png",
    });
    expect(response.body.attachment.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("links a contact", async () => {
    const contacts = await harness.call("GET", "/api/contacts", { token: agent });
    const contactId = contacts.body.items[0].id;
    const response = await upload(PNG, { contactId });
    expect(response.body.attachment).toMatchObject({ contactId, contentType: "image/png" });
  });

  it("rejects an executable claiming PNG", async () => {
    const response = await upload(ELF);
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
  });

  it("rejects an unknown contact", async () => {
    const response = await upload(PNG, { contactId: randomUUID() });
    expect(response.status).toBe(404);
  });

  it.each<[string, Record<string, string>]>([
    ["non-UUID contactId", { contactId: "1 OR 1=1" }],
    ["unknown field", { owner: "me" }],
  ])("rejects %s", async (_label, fields) => {
    const response = await upload(PNG, fields);
    expect(response.status).toBe(400);
  });

  it("rejects a missing file", async () => {
    const response = await harness.call("POST", "/api/attachments", {
      token: agent,
      multipart: { fields: {}, file: undefined },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: "file", message: expect.any(String) }]);
  });

  it("rejects an empty file", async () => {
    const response = await upload(new Uint8Array());
    expect(response.status).toBe(400);
  });

  it("rejects over 50 MB", async () => {
    const response = await upload(new Uint8Array(50 * 1024 * 1024 + 1));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });
});
