// Validations per second of one valid create-contact body. The baseline is plain zod safeParse of
// the same schema. @bulwark/schemas adds the cached check of whether the schema needs the
// pollution-key walk (it does not here), the error map context and its result handling.
import { contactCreateSchema, createRequestValidator, validatePart } from "@bulwark/schemas";
import { compareThroughput, type RatioRow, toRatioRows } from "../harness.js";

const CONTACT = {
  firstName: "Grace",
  lastName: "Hopper",
  email: "grace.hopper@example.com",
  phone: "+1 (555) 010-0199",
  company: "Church & Dwight",
  title: "Rear Admiral",
  notes: "Met at the compiler conference. Follow up about the COBOL migration in May.",
  tags: ["navy", "compilers", "priority"],
};

/** Compares valid create-contact validations per second against plain zod. */
export async function run(): Promise<RatioRow[]> {
  const validator = createRequestValidator({ body: contactCreateSchema });
  const results = await compareThroughput(
    [
      { name: "zod safeParse", run: () => contactCreateSchema.safeParse(CONTACT) },
      { name: "validatePart body", run: () => validatePart("body", contactCreateSchema, CONTACT) },
      { name: "createRequestValidator", run: () => validator.validate({ body: CONTACT }) },
    ],
    // Many short interleaved rounds, so load from other processes hits each candidate alike.
    { operations: 50_000, rounds: 41 },
  );
  return toRatioRows("schemas: create contact", results);
}
