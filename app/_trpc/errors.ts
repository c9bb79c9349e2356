import type { FieldErrors } from "~/server/errors";

interface ErrorWithData {
  message?: string;
  data?: { fieldErrors?: FieldErrors; code?: string; httpStatus?: number } | null;
}

/** The per-field messages a procedure returned (validation or service field errors). */
export function fieldErrorsOf(error: unknown): FieldErrors {
  return (error as ErrorWithData | null)?.data?.fieldErrors ?? {};
}

/** The message of a procedure's error, written for the person who caused it. */
export function errorMessageOf(error: unknown): string | null {
  if (!error) return null;
  const message = (error as ErrorWithData).message;
  if (!message || /fetch failed|Failed to fetch|NetworkError/i.test(message)) {
    return "Could not reach VendOps. Check your connection and try again.";
  }
  // The page offered the action, so the role changed since it loaded (or was never enough).
  if ((error as ErrorWithData).data?.code === "FORBIDDEN") return `${message} Reload the page to see what your role allows, or ask an admin.`;
  return message;
}
