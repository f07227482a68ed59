/** Formats a zod issue path as `contacts[0].email`. An empty path names the whole input. */
export function formatIssuePath(path: readonly PropertyKey[], root: string): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text === "" ? root : text;
}
