import type { z } from "zod";

/**
 * Refinement options that run an object-level check even when some fields already failed, so
 * one response reports every problem. The check must accept fields of any type.
 */
export const RUN_AFTER_FIELD_ISSUES = {
  when: (payload: z.core.ParsePayload) =>
    typeof payload.value === "object" && payload.value !== null,
} as const;

/** Reports an update body without any field, because an empty update is almost always a mistake. */
export function rejectEmptyUpdate(value: object, context: z.core.$RefinementCtx): void {
  if (Object.keys(value).length === 0) {
    context.addIssue({
      code: "custom",
      path: [],
      params: { reason: "empty_update" },
      input: value,
    });
  }
}
