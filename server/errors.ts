/** What a service can report to its caller; the transport maps each kind to its own code. */
export type ServiceErrorKind =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS";

export type FieldErrors = Record<string, string[]>;

/**
 * An error whose message is written for the person who caused it and is safe to show them.
 * Anything else thrown from a service is treated as internal and never shown.
 */
export class ServiceError extends Error {
  readonly kind: ServiceErrorKind;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterSeconds?: number;

  constructor(kind: ServiceErrorKind, message: string, options: { fieldErrors?: FieldErrors; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "ServiceError";
    this.kind = kind;
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** A validation error on one form field. */
export function fieldError(field: string, message: string): ServiceError {
  return new ServiceError("BAD_REQUEST", message, { fieldErrors: { [field]: [message] } });
}

/** The same answer whether the thing does not exist or belongs to someone else. */
export function notFound(what: string): ServiceError {
  return new ServiceError("NOT_FOUND", `${what} not found`);
}
