import { createHttpError } from "@bulwark/core";
import {
  deleteContact,
  findContact,
  insertContact,
  insertContacts,
  listContacts,
  updateContact,
} from "../contact-store.js";
import { type CrmRoute, defineRoute, json } from "../route-table.js";
import {
  contactBulkBody,
  contactCreateBody,
  contactListQuery,
  contactUpdateBody,
  idParams,
} from "../schemas.js";
import { type CrmServices, recordAudit, requireUser } from "./services.js";

const CONTACT = "/api/contacts/:id";

function contactNotFound(): Error {
  return createHttpError("NOT_FOUND", { message: "Contact not found. Check the id." });
}

function createBulkRoute(services: CrmServices): CrmRoute {
  return defineRoute({
    method: "POST",
    path: "/api/contacts/bulk",
    access: "contacts:bulk_import",
    rateLimits: ["api", "write", "expensive"],
    bodyType: "json",
    schemas: { body: contactBulkBody },
    async handler(context) {
      // The schema caps the list at 1,000 and validates every entry before anything is written,
      // and insertContacts runs in one transaction, so a request stores all contacts or none.
      const contacts = await insertContacts(
        services.db,
        context.body.contacts,
        requireUser(context).id,
      );
      await recordAudit(context, { action: "contacts.bulk_imported", targetType: "contact" });
      return json(201, { created: contacts.length, items: contacts });
    },
  });
}

/** Creates the contact routes: list and search, read, create, update, delete and bulk create. */
export function createContactRoutes(services: CrmServices): CrmRoute[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/contacts",
      access: "contacts:read",
      rateLimits: ["api"],
      bodyType: "none",
      schemas: { query: contactListQuery },
      async handler(context) {
        const page = await listContacts(services.db, context.query);
        return json(200, { ...page, limit: context.query.limit, offset: context.query.offset });
      },
    }),
    defineRoute({
      method: "POST",
      path: "/api/contacts",
      access: "contacts:write",
      rateLimits: ["api", "write"],
      bodyType: "json",
      schemas: { body: contactCreateBody },
      async handler(context) {
        const contact = await insertContact(services.db, context.body, requireUser(context).id);
        return json(201, { contact });
      },
    }),
    createBulkRoute(services),
    defineRoute({
      method: "GET",
      path: CONTACT,
      access: "contacts:read",
      rateLimits: ["api"],
      bodyType: "none",
      schemas: { params: idParams },
      async handler(context) {
        const contact = await findContact(services.db, context.params.id);
        if (contact === undefined) throw contactNotFound();
        return json(200, { contact });
      },
    }),
    defineRoute({
      method: "PUT",
      path: CONTACT,
      access: "contacts:write",
      rateLimits: ["api", "write"],
      bodyType: "json",
      schemas: { params: idParams, body: contactUpdateBody },
      async handler(context) {
        const contact = await updateContact(services.db, context.params.id, context.body);
        if (contact === undefined) throw contactNotFound();
        return json(200, { contact });
      },
    }),
    defineRoute({
      method: "DELETE",
      path: CONTACT,
      access: "contacts:write",
      rateLimits: ["api", "write"],
      bodyType: "none",
      schemas: { params: idParams },
      async handler(context) {
        const { id } = context.params;
        if (!(await deleteContact(services.db, id))) throw contactNotFound();
        await recordAudit(context, {
          action: "contact.deleted",
          targetType: "contact",
          targetId: id,
        });
        return { kind: "empty", status: 204 };
      },
    }),
  ];
}
