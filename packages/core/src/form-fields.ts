/** Parses a urlencoded body into a null-prototype object, so no key can reach a prototype. */
export function parseUrlencoded(text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(text)) addField(fields, name, value);
  return fields;
}

/** Adds a field value, turning a repeated name into an array of its values in order. */
export function addField(fields: Record<string, string | string[]>, name: string, value: string) {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else if (typeof existing === "string") fields[name] = [existing, value];
  else existing.push(value);
}
