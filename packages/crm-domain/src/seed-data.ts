import type { NewContact } from "./contact-store.js";

// Invented names and companies. Emails use the example.com, example.org and example.net domains
// that RFC 2606 reserves, and phone numbers the 555-0100 to 555-0199 range set aside for fiction,
// so seed data never reaches a real person.
const FIRST_NAMES = [
  "Amara",
  "Bastian",
  "Chiara",
  "Dmitri",
  "Elif",
  "Farah",
  "Gustavo",
  "Hana",
  "Idris",
  "Jolene",
  "Kenji",
  "Lucia",
  "Mateo",
  "Nadia",
  "Oskar",
  "Priya",
  "Quentin",
  "Rosa",
  "Soren",
  "Tamsin",
  "Umar",
  "Vera",
  "Wendell",
  "Ximena",
  "Yusuf",
  "Zofia",
  "Anneke",
  "Bruno",
  "Camille",
  "Diego",
];
const LAST_NAMES = [
  "Abbott",
  "Brandt",
  "Castillo",
  "Dubois",
  "Eriksen",
  "Fontaine",
  "Gallagher",
  "Haddad",
  "Ishikawa",
  "Jovanovic",
  "Kowalski",
  "Lindqvist",
  "Moreau",
  "Nakamura",
  "O'Connell",
  "Petrov",
  "Quispe",
  "Rahman",
  "Schneider",
  "Takahashi",
  "Underwood",
  "Varga",
  "Whitfield",
  "Yilmaz",
  "Zimmermann",
];
const COMPANIES = [
  "Northwind Analytics",
  "Bluefin Logistics",
  "Copperleaf Health",
  "Driftwood Studios",
  "Evergreen Foods",
  "Foxglove Consulting",
  "Granite Peak Energy",
  "Harborview Legal",
  "Ironbark Manufacturing",
  "Juniper Travel",
  "Keystone Robotics",
  "Lighthouse Education",
];
const DOMAINS = ["example.com", "example.org", "example.net"];
const NOTES = [
  "Met at the spring trade fair; interested in the annual plan.",
  "Prefers email over phone. Follow up after the quarterly review.",
  "Asked for a demo of the reporting module.",
  "Renewal due next quarter; check budget approval.",
  "Referred by an existing customer.",
  null,
];

/** Deterministic pseudo-random numbers (mulberry32), so every seed run writes the same data. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** Builds `count` realistic, invented contacts, the same ones on every call. */
export function buildSeedContacts(count = 200): NewContact[] {
  const random = createRandom(20_240_601);
  const contacts: NewContact[] = [];
  for (let index = 0; index < count; index += 1) {
    const firstName = pick(random, FIRST_NAMES);
    const lastName = pick(random, LAST_NAMES);
    const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, "");
    contacts.push({
      firstName,
      lastName,
      email: `${local}${index}@${pick(random, DOMAINS)}`,
      phone: `+1-202-555-01${String(Math.floor(random() * 100)).padStart(2, "0")}`,
      company: pick(random, COMPANIES),
      notes: pick(random, NOTES),
    });
  }
  return contacts;
}
