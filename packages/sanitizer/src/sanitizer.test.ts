import { BulwarkError } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { createSanitizer, RICH_TEXT_BATCH_SIZE } from "./sanitizer.js";

function nest(depth: number): unknown {
  let value: unknown = "leaf";
  for (let level = 0; level < depth; level += 1) value = { child: value };
  return value;
}

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("createSanitizer", () => {
  it("strips html from text fields", () => {
    const { value, findings } = createSanitizer().sanitize({ name: "<b>Hi</b> there" });
    expect(value).toEqual({ name: "Hi there" });
    expect(findings).toEqual([{ path: "name", rule: "html.removed" }]);
  });

  it("passes other JSON values through", () => {
    const input = { count: 3, ratio: 0.5, active: true, missing: null, list: [1, false, null] };
    expect(createSanitizer().sanitize(input).value).toEqual(input);
  });

  it("never mutates the input", () => {
    const input = { name: " <i>x</i> ", list: ["<b>a</b>"], nested: { __proto__: 1 } };
    const copy = structuredClone(input);
    const { value } = createSanitizer().sanitize(input);
    expect(input).toEqual(copy);
    expect(value).not.toBe(input);
    expect((value as typeof input).list).not.toBe(input.list);
  });

  it("sanitizes a bare string", () => {
    expect(createSanitizer().sanitize("  <b>x</b>  ").value).toBe("x");
  });

  it("trims by default", () => {
    expect(createSanitizer().sanitize({ a: "  x  " }).value).toEqual({ a: "x" });
    expect(createSanitizer({ trim: false }).sanitize({ a: "  x  " }).value).toEqual({ a: "  x  " });
  });

  it("removes control characters", () => {
    const input = "a\u0000b\u0007c\td\r\ne\u007F\u0085";
    expect(createSanitizer().sanitize(input).value).toBe("abc\td\r\ne");
    expect(createSanitizer({ stripControlCharacters: false }).sanitize(input).value).toBe(
      "ab\u0007c\td\r\ne\u007F\u0085",
    );
  });

  it("normalizes to NFC on request", () => {
    expect(createSanitizer().sanitize("e\u0301").value).toBe("e\u0301");
    expect(createSanitizer({ normalizeUnicode: true }).sanitize("e\u0301").value).toBe("\u00e9");
  });

  it("removes markup created by NFC", () => {
    // U+212A KELVIN SIGN normalizes to "K", which turns "<\u212A" into a tag start.
    const { value } = createSanitizer({ normalizeUnicode: true }).sanitize("a<\u212A>b");
    expect(value).toBe("ab");
  });

  it("leaves passwords untouched", () => {
    const input = {
      password: " <b>x</b>' OR '1'='1 ",
      newPassword: "\u0000<i>",
      user: { passphrase: " p " },
    };
    const { value, findings } = createSanitizer().sanitize(input);
    expect(value).toEqual(input);
    expect(findings).toEqual([]);
  });

  it("leaves excluded paths untouched", () => {
    const input = { html: { body: "<b>x</b>" }, items: [{ raw: " <i>y</i> " }], name: "<b>n</b>" };
    const { value } = createSanitizer({ excludePaths: ["html", "items[*].raw"] }).sanitize(input);
    expect(value).toEqual({ ...input, name: "n" });
  });

  it("drops prototype keys", () => {
    const input = JSON.parse(
      '{"__proto__":{"isAdmin":true},"a":{"constructor":{"prototype":1}},"b":[{"prototype":2}]}',
    );
    const { value, findings } = createSanitizer().sanitize(input);
    expect(value).toEqual({ a: {}, b: [{}] });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(findings).toEqual([
      { path: "__proto__", rule: "key.dropped" },
      { path: "a.constructor", rule: "key.dropped" },
      { path: "b[0].prototype", rule: "key.dropped" },
    ]);
  });

  it("reports SQL patterns without changes", () => {
    const { value, findings } = createSanitizer().sanitize({
      contacts: [{ name: "x' OR '1'='1" }],
    });
    expect(value).toEqual({ contacts: [{ name: "x' OR '1'='1" }] });
    expect(findings).toEqual([{ path: "contacts[0].name", rule: "sql.tautology" }]);
  });

  it("strips SQL patterns in strip mode", () => {
    const { value, findings } = createSanitizer({ sqlMode: "strip" }).sanitize({
      plan: "Please select a plan",
    });
    expect(value).toEqual({ plan: "Please  a plan" });
    expect(findings).toEqual([{ path: "plan", rule: "sql.stripped" }]);
  });

  it("ignores SQL patterns when off", () => {
    const { value, findings } = createSanitizer({ sqlMode: "off" }).sanitize("1; DROP TABLE users");
    expect(value).toBe("1; DROP TABLE users");
    expect(findings).toEqual([]);
  });

  it("keeps allowed rich text", () => {
    const sanitizer = createSanitizer({ richTextPaths: ["notes"] });
    const notes =
      '<p><b>Call</b> <a href="https://example.com/a">here</a> &amp; <a href="mailto:a@example.com">mail</a></p>';
    const { value, findings } = sanitizer.sanitize({ notes });
    expect(value).toEqual({ notes });
    expect(findings).toEqual([]);
  });

  it("removes unsafe rich text", () => {
    const sanitizer = createSanitizer({ richTextPaths: ["notes"] });
    const notes =
      '<a href="javascript:alert(1)" onclick="x()" style="color:red">a</a><img src=x onerror=y><script>z</script>';
    const { value, findings } = sanitizer.sanitize({ notes });
    expect(value).toEqual({ notes: "<a>a</a>" });
    expect(findings).toEqual([{ path: "notes", rule: "html.removed" }]);
  });

  it("rejects relative rich-text links", () => {
    const { value } = createSanitizer({ richTextPaths: ["notes"] }).sanitize({
      notes: '<a href="/admin">x</a>',
    });
    expect(value).toEqual({ notes: "<a>x</a>" });
  });

  it("matches the sync rich-text result", async () => {
    const sanitizer = createSanitizer({ richTextPaths: ["contacts[*].notes"] });
    const body = {
      contacts: Array.from({ length: RICH_TEXT_BATCH_SIZE * 3 + 1 }, (_, index) => ({
        name: ` <b>n${index}</b> `,
        notes: `<p onclick="x">note ${index}</p><script>y</script>`,
      })),
    };
    const asyncResult = await sanitizer.sanitizeAsync(body);
    expect(asyncResult.value).toEqual(sanitizer.sanitize(body).value);
    expect(asyncResult.value.contacts[5]).toEqual({ name: "n5", notes: "<p>note 5</p>" });
    expect(asyncResult.findings.filter((finding) => finding.path === "contacts[5].notes")).toEqual([
      { path: "contacts[5].notes", rule: "html.removed" },
    ]);
  });

  it("yields between rich-text batches", async () => {
    const sanitizer = createSanitizer({ richTextPaths: ["[*]"] });
    const body = Array.from({ length: RICH_TEXT_BATCH_SIZE * 2 + 1 }, () => "<b>x</b>");
    let immediateRan = false;
    setImmediate(() => {
      immediateRan = true;
    });
    const pending = sanitizer.sanitizeAsync(body);
    expect(immediateRan).toBe(false);
    await pending;
    expect(immediateRan).toBe(true);
  });

  it("reports hasRichText", () => {
    expect(createSanitizer().hasRichText).toBe(false);
    expect(createSanitizer({ richTextPaths: ["notes"] }).hasRichText).toBe(true);
  });

  it("rejects bodies past maxDepth", () => {
    const sanitizer = createSanitizer({ maxDepth: 5 });
    expect(sanitizer.sanitize(nest(5)).value).toEqual(nest(5));
    const error = captureError(() => sanitizer.sanitize(nest(6)));
    expect(BulwarkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      status: 400,
      cause: { code: "ERR_SANITIZER_MAX_DEPTH" },
    });
  });

  it("survives very deep bodies", () => {
    const error = captureError(() => createSanitizer().sanitize(nest(200_000)));
    expect(error).toMatchObject({ code: "BAD_REQUEST", status: 400 });
  });

  it("rejects bodies past maxNodes", () => {
    const sanitizer = createSanitizer({ maxNodes: 10 });
    expect(sanitizer.sanitize(Array.from({ length: 9 }, () => 1)).value).toHaveLength(9);
    const error = captureError(() => sanitizer.sanitize(Array.from({ length: 10 }, () => 1)));
    expect(error).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      status: 413,
      cause: { code: "ERR_SANITIZER_MAX_NODES" },
    });
  });

  it("rejects async bodies past limits", async () => {
    const sanitizer = createSanitizer({ maxNodes: 3, richTextPaths: ["**"] });
    await expect(sanitizer.sanitizeAsync([1, 2, 3])).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
  });
});
