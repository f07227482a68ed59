import type { Readable } from "node:stream";
import busboy from "busboy";
import { type BodyPlan, createPayloadTooLargeError, rejectBody } from "./body-policy.js";
import { addField } from "./form-fields.js";
import type { ParsedBody } from "./read-body.js";

/** One file of a multipart body, held in memory. */
export interface UploadedFile {
  /** Form field name. */
  readonly field: string;
  /** File name as the client sent it. Never use it as a path. */
  readonly filename: string;
  /** Media type as the client declared it, not verified against the content. */
  readonly mimeType: string;
  readonly size: number;
  readonly data: Buffer;
}

/** Maximum number of fields and of files in one multipart body. */
export const MULTIPART_PART_LIMITS = Object.freeze({ fields: 1000, files: 100 });

/**
 * Reads a `multipart/form-data` body with busboy into text fields and in-memory files. Counts the
 * raw bytes as they arrive and stops at `plan.limitBytes`, so the limit covers the whole body
 * (fields, files and part headers) and an oversized upload is never buffered whole.
 */
export function readMultipartBody(stream: Readable, plan: BodyPlan): Promise<ParsedBody> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string | string[]> = Object.create(null);
    const files: UploadedFile[] = [];
    let received = 0;
    let settled = false;

    const parser = busboy({
      headers: { "content-type": `multipart/form-data; boundary=${plan.boundary}` },
      limits: { fields: MULTIPART_PART_LIMITS.fields, files: MULTIPART_PART_LIMITS.files },
    });

    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      stream.unpipe(parser);
      stream.off("data", countBytes);
      parser.destroy();
      reject(error);
    };

    const countBytes = (chunk: Buffer) => {
      received += chunk.length;
      if (received > plan.limitBytes)
        fail(createPayloadTooLargeError(plan.limitBytes, plan.mediaType));
    };

    parser.on("field", (name, value) => addField(fields, name, value));
    parser.on("file", (field, file, info) => {
      const chunks: Buffer[] = [];
      let size = 0;
      file.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
      });
      file.on("end", () => {
        files.push({
          field,
          filename: info.filename ?? "",
          mimeType: info.mimeType,
          size,
          data: Buffer.concat(chunks),
        });
      });
    });
    parser.on("fieldsLimit", () => fail(tooManyParts("fields", MULTIPART_PART_LIMITS.fields)));
    parser.on("filesLimit", () => fail(tooManyParts("files", MULTIPART_PART_LIMITS.files)));
    parser.on("error", () =>
      fail(
        rejectBody("BAD_REQUEST", "The multipart body is malformed. Check its boundary and parts."),
      ),
    );
    parser.on("close", () => {
      if (settled) return;
      settled = true;
      resolve({ body: fields, files });
    });
    stream.on("aborted", () =>
      fail(rejectBody("BAD_REQUEST", "The request body was aborted before it was complete.")),
    );

    stream.on("data", countBytes);
    stream.pipe(parser);
  });
}

function tooManyParts(kind: "fields" | "files", limit: number): Error {
  return rejectBody(
    "PAYLOAD_TOO_LARGE",
    `The multipart body has more than ${limit} ${kind}. Send fewer.`,
  );
}
