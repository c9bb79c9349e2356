import type { FieldErrors } from "~/server/errors";

interface ErrorWithData {
  message?: string;
  data?: { fieldErrors?: FieldErrors; code?: string; httpStatus?: number } | null;
}

/** The per-field messages a procedure returned (validation or service field errors). */
export function fieldErrorsOf(error: unknown): FieldErrors {
  return (error as ErrorWithData | null)?.data?.fieldErrors ?? {};
}

/** The page's own words for failures the server could not phrase, in the page's language (error-words.tsx sets them). */
export interface ErrorWords {
  unreachable: string;
  forbiddenHint: string;
}

let words: ErrorWords | null = null;

export function setErrorWords(next: ErrorWords): void {
  words = next;
}

/**
 * The message of a procedure's error, written for the person who caused it: the server renders it
 * in their language; a failure to reach the server at all is phrased here.
 */
export function errorMessageOf(error: unknown): string | null {
  if (!error) return null;
  const message = (error as ErrorWithData).message;
  if (!message || /fetch failed|Failed to fetch|NetworkError/i.test(message)) return words?.unreachable ?? message ?? null;
  // The page offered the action, so the role changed since it loaded (or was never enough).
  if ((error as ErrorWithData).data?.code === "FORBIDDEN" && words) return `${message} ${words.forbiddenHint}`;
  return message;
}
