import { z } from "zod";
import type { FieldErrors } from "~/server/errors";

/**
 * What the server's own schema says about a form's values before they are sent: the messages per
 * field, flattened as the server's error formatter does, empty when the values would be accepted.
 * The server checks again; this spares a round trip.
 */
export function formErrors(schema: z.ZodType, values: unknown): FieldErrors {
  const result = schema.safeParse(values);
  return result.success ? {} : (z.flattenError(result.error).fieldErrors as FieldErrors);
}
