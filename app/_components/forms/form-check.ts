import type { z } from "zod";
import type { FieldErrors } from "~/server/errors";

/**
 * What the server's own schema says about a form's values before they are sent: the messages per
 * field, empty when the values would be accepted. The server checks again; this spares a round trip.
 */
export function formErrors(schema: z.ZodType, values: unknown): FieldErrors {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}
