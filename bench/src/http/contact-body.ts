/** Size of the `POST /api/contacts` body, in bytes. */
export const CONTACT_BODY_BYTES = 1024;

/**
 * Builds the JSON body of `POST /api/contacts`: a contact that passes @bulwark/schemas'
 * `contactCreateSchema`, with `notes` padded so the body is exactly `CONTACT_BODY_BYTES` long.
 */
export function buildContactBody(): string {
  const contact = {
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada.lovelace@example.com",
    phone: "+44 20 7946 0018",
    company: "Analytical Engines Ltd",
    title: "Head of Computation",
    tags: ["customer", "priority", "london"],
    notes: "",
  };
  const unpadded = Buffer.byteLength(JSON.stringify(contact));
  contact.notes = "Met at the conference. ".repeat(64).slice(0, CONTACT_BODY_BYTES - unpadded);
  const body = JSON.stringify(contact);
  if (Buffer.byteLength(body) !== CONTACT_BODY_BYTES) {
    throw new Error(
      `The contact body is ${Buffer.byteLength(body)} bytes, expected ${CONTACT_BODY_BYTES}.`,
    );
  }
  return body;
}
