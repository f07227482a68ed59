import { createHttpError } from "@bulwark/core";
import { storeAttachment } from "../attachments.js";
import { type CrmRoute, defineRoute, json } from "../route-table.js";
import { attachmentFields } from "../schemas.js";
import { type CrmServices, requireUser } from "./services.js";

/** Creates the attachment upload route. The app parses the multipart body with a 50 MB limit. */
export function createAttachmentRoutes(services: CrmServices): CrmRoute[] {
  return [
    defineRoute({
      method: "POST",
      path: "/api/attachments",
      access: "contacts:write",
      rateLimits: ["api", "write"],
      bodyType: "multipart",
      schemas: { body: attachmentFields },
      async handler(context) {
        // The app validated the text fields with schemas.body and passes the file part as it came.
        // storeAttachment sniffs its type and checks its size.
        const { file } = context;
        if (file === undefined) {
          throw createHttpError("VALIDATION_FAILED", {
            errors: [{ field: "file", message: "Attach one file in the form field named file." }],
          });
        }
        const attachment = await storeAttachment(
          services.db,
          {
            filename: file.filename,
            declaredContentType: file.contentType,
            content: file.content,
            contactId: context.body.contactId,
          },
          requireUser(context).id,
        );
        return json(201, { attachment });
      },
    }),
  ];
}
