import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  bulkContactsSchema,
  CONTACT_LIMITS,
  contactCreateSchema,
  contactUpdateSchema,
  phoneSchema,
} from "./contacts.js";
import { validateRequest } from "./request-validator.js";

const contact = {
  firstName: "Grace",
  lastName: "Hopper",
  email: "grace@example.com",
  phone: "+1 (555) 010-0199",
  company: "Church & Dwight",
  title: "Rear Admiral",
  notes: "Met at the COBOL conference.\nFollow up in May.",
  tags: ["navy", "compilers"],
};

function errorFields(schema: z.core.$ZodType, body: unknown) {
  const result = validateRequest({ body: schema }, { body });
  return result.success ? [] : (result.error.errors ?? []).map((entry) => entry.field);
}

describe("contactCreateSchema", () => {
  it("accepts a full contact", () => {
    expect(contactCreateSchema.parse(contact)).toEqual(contact);
  });

  it("accepts names in any script", () => {
    for (const [firstName, lastName] of [
      ["Seán", "de Bhulbh"],
      ["محمد", "العلي"],
      ["太郎", "山田"],
      ["José", "Núñez-O'Brien"],
      ["👩‍💻", "Dev"],
    ]) {
      expect(contactCreateSchema.safeParse({ firstName, lastName }).success).toBe(true);
    }
  });

  it.each([
    ["firstName", ""],
    ["firstName", "x".repeat(CONTACT_LIMITS.name + 1)],
    ["lastName", 42],
    ["email", "grace"],
    ["email", `${"g".repeat(250)}@x.io`],
    ["phone", "call me"],
    ["phone", "12"],
    ["phone", "1".repeat(CONTACT_LIMITS.phone + 1)],
    ["company", "x".repeat(CONTACT_LIMITS.company + 1)],
    ["title", "x".repeat(CONTACT_LIMITS.title + 1)],
    ["notes", "x".repeat(CONTACT_LIMITS.notes + 1)],
    ["tags", Array.from({ length: CONTACT_LIMITS.tags + 1 }, () => "t")],
    ["tags", "navy"],
  ])("rejects %s %#", (field, value) => {
    expect(errorFields(contactCreateSchema, { ...contact, [field]: value })).toEqual([field]);
  });

  it("accepts notes at the bound", () => {
    expect(
      contactCreateSchema.safeParse({ ...contact, notes: "é".repeat(CONTACT_LIMITS.notes) })
        .success,
    ).toBe(true);
  });

  it("names the bad tag by index", () => {
    expect(
      errorFields(contactCreateSchema, { ...contact, tags: ["ok", "", "x".repeat(51)] }),
    ).toEqual(["tags[1]", "tags[2]"]);
  });
});

describe("phoneSchema", () => {
  it.each([
    ["+44 20 7946 0958", true],
    ["(555) 010-0199", true],
    ["555.010.0199", true],
    ["+", false],
    ["++44 20", false],
    ["tel:+4420", false],
    ["555-CALL-NOW", false],
  ])("checks %j", (value, valid) => {
    expect(phoneSchema.safeParse(value).success).toBe(valid);
  });
});

describe("contactUpdateSchema", () => {
  it("accepts one field", () => {
    expect(contactUpdateSchema.parse({ title: "CTO" })).toEqual({ title: "CTO" });
  });

  it("rejects an empty update", () => {
    expect(errorFields(contactUpdateSchema, {})).toEqual(["body"]);
  });

  it("rejects an unknown-only update", () => {
    expect(errorFields(contactUpdateSchema, { nickname: "x" })).toEqual(["body"]);
  });
});

describe("bulkContactsSchema", () => {
  it("accepts 1,000 contacts", () => {
    const contacts = Array.from({ length: CONTACT_LIMITS.bulk }, () => contact);
    expect(bulkContactsSchema.safeParse({ contacts }).success).toBe(true);
  });

  it("rejects 1,001 contacts without checking them", () => {
    const contacts = Array.from({ length: CONTACT_LIMITS.bulk + 1 }, () => ({ firstName: "" }));
    expect(errorFields(bulkContactsSchema, { contacts })).toEqual(["contacts"]);
  });

  it("rejects an empty list", () => {
    expect(errorFields(bulkContactsSchema, { contacts: [] })).toEqual(["contacts"]);
  });

  it("names nested fields by index", () => {
    const contacts = [contact, contact, { ...contact, email: "nope" }, { firstName: "A" }];
    expect(errorFields(bulkContactsSchema, { contacts })).toEqual([
      "contacts[2].email",
      "contacts[3].lastName",
    ]);
  });
});
