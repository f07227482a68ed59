import { createHash, randomUUID } from "node:crypto";
import { createHttpError } from "@bulwark/core";
import { fileTypeFromBuffer } from "file-type";
import type { Kysely } from "kysely";
import type { CrmDatabase } from "./database/schema.js";

/** Largest attachment accepted, in bytes: 50 MiB, the upload limit of the CRM API. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

/**
 * Content types an attachment may have, as sniffed from its bytes. Anything else, including HTML,
 * SVG and executables, is rejected, because a file the browser could run must never be stored
 * under a harmless name.
 */
export const ALLOWED_ATTACHMENT_TYPES = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/plain",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
] as const;

/** An uploaded file as the app hands it over after parsing the multipart body. */
export interface AttachmentUpload {
  readonly filename: string;
  /** Content-Type the client sent for the part. Stored for reference, never trusted. */
  readonly declaredContentType: string | undefined;
  readonly content: Uint8Array;
  readonly contactId?: string | undefined;
}

/** Metadata of a stored attachment. */
export interface AttachmentMetadata {
  readonly id: string;
  readonly contactId: string | null;
  readonly filename: string;
  readonly contentType: string;
  readonly declaredContentType: string | null;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly createdAt: Date;
}

const TEXT_SNIFF_BYTES = 8192;
const MAX_FILENAME_LENGTH = 255;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function looksLikeText(content: Uint8Array): boolean {
  const head = content.subarray(0, TEXT_SNIFF_BYTES);
  if (head.includes(0)) return false;
  try {
    // `stream: true` tolerates a multi-byte character cut at the end of the sample.
    strictUtf8.decode(head, { stream: true });
    return true;
  } catch {
    return false;
  } finally {
    strictUtf8.decode();
  }
}

/**
 * Sniffs a content type from the file's leading bytes: a known binary signature first, then UTF-8
 * text without NUL bytes as `text/plain`, else `application/octet-stream`. The client's claim is
 * not consulted, so a script uploaded as `image/png` is not stored as an image.
 */
export async function sniffContentType(content: Uint8Array): Promise<string> {
  const detected = await fileTypeFromBuffer(content);
  if (detected !== undefined) return detected.mime;
  if (content.length > 0 && looksLikeText(content)) return "text/plain";
  return "application/octet-stream";
}

/**
 * Reduces a client-supplied filename to its last path segment without control characters, at
 * most 255 characters, so it cannot name a path or break a `Content-Disposition` header later.
 */
export function sanitizeFilename(filename: string): string {
  const base = filename.split(/[\\/]/).at(-1) ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(0, MAX_FILENAME_LENGTH);
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "attachment" : cleaned;
}

async function checkUpload(upload: AttachmentUpload): Promise<string> {
  if (upload.content.byteLength > MAX_ATTACHMENT_BYTES) {
    throw createHttpError("PAYLOAD_TOO_LARGE", {
      message: "The attachment is larger than 50 MB. Upload a smaller file.",
    });
  }
  if (upload.content.byteLength === 0) {
    throw createHttpError("VALIDATION_FAILED", {
      errors: [{ field: "file", message: "The file is empty. Choose a file with content." }],
    });
  }

  const contentType = await sniffContentType(upload.content);
  if (!(ALLOWED_ATTACHMENT_TYPES as readonly string[]).includes(contentType)) {
    throw createHttpError("UNSUPPORTED_MEDIA_TYPE", {
      message:
        "This file type is not accepted. Upload a PDF, PNG, JPEG, GIF, WebP, plain text, Word or Excel file.",
    });
  }
  return contentType;
}

/**
 * Stores an attachment after checking its size and sniffing its type. Throws the response errors
 * `PAYLOAD_TOO_LARGE` over 50 MiB, `VALIDATION_FAILED` for an empty file, `UNSUPPORTED_MEDIA_TYPE`
 * for a type outside `ALLOWED_ATTACHMENT_TYPES` and `NOT_FOUND` for an unknown contact.
 */
export async function storeAttachment(
  db: Kysely<CrmDatabase>,
  upload: AttachmentUpload,
  uploadedBy: string | null,
): Promise<AttachmentMetadata> {
  const contentType = await checkUpload(upload);
  const contactId = upload.contactId ?? null;
  if (contactId !== null) {
    const contact = await db
      .selectFrom("contacts")
      .select("id")
      .where("id", "=", contactId)
      .executeTakeFirst();
    if (contact === undefined) {
      throw createHttpError("NOT_FOUND", { message: "Contact not found. Check the contactId." });
    }
  }

  const row = await db
    .insertInto("attachments")
    .values({
      id: randomUUID(),
      contact_id: contactId,
      filename: sanitizeFilename(upload.filename),
      content_type: contentType,
      declared_content_type: upload.declaredContentType?.slice(0, 255) ?? null,
      size_bytes: upload.content.byteLength,
      sha256: createHash("sha256").update(upload.content).digest("hex"),
      content: upload.content,
      uploaded_by: uploadedBy,
      created_at: new Date(),
    })
    .returning([
      "id",
      "contact_id",
      "filename",
      "content_type",
      "declared_content_type",
      "size_bytes",
      "sha256",
      "created_at",
    ])
    .executeTakeFirstOrThrow();

  return {
    id: row.id,
    contactId: row.contact_id,
    filename: row.filename,
    contentType: row.content_type,
    declaredContentType: row.declared_content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}
