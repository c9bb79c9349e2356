/** What a service can report to its caller; the transport maps each kind to its own code. */
export type ServiceErrorKind =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS";

export type FieldErrors = Record<string, string[]>;

/** Values that fill a message's `{name}` slots. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * A message a service can raise or store: a stable code (`<domain>.<name>`) that a reader's
 * language renders, and its English text with `{name}` slots for the parameters.
 */
export interface Message {
  readonly code: string;
  readonly en: string;
}

/**
 * Declares a domain's messages in its contract: `defineMessages("fleet", { serial_taken: "..." })`
 * gives `{ serial_taken: { code: "fleet.serial_taken", en: "..." } }`.
 */
export function defineMessages<const T extends Record<string, string>>(domain: string, texts: T): { readonly [K in keyof T]: Message } {
  return Object.fromEntries(Object.entries(texts).map(([name, en]) => [name, { code: `${domain}.${name}`, en }])) as { [K in keyof T]: Message };
}

/** The English text of a message with its parameters filled in; a missing parameter stays as `{name}`. */
export function renderMessage(message: Pick<Message, "en">, params: MessageParams = {}): string {
  return message.en.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

/** Messages every domain shares. */
export const commonMessages = defineMessages("common", {
  not_found: "{thing} not found",
});

/**
 * An error a service raises for the person who caused it: a kind (mapped to the transport's
 * status), a message code with parameters (rendered in the reader's language; `message` holds the
 * English) and, for forms, the fields it concerns. Anything else thrown is internal and never shown.
 */
export class ServiceError extends Error {
  readonly kind: ServiceErrorKind;
  readonly code: string;
  readonly params: MessageParams;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterSeconds?: number;

  constructor(
    kind: ServiceErrorKind,
    message: Message,
    params: MessageParams = {},
    options: { field?: string; fields?: string[]; retryAfterSeconds?: number } = {},
  ) {
    const text = renderMessage(message, params);
    super(text);
    this.name = "ServiceError";
    this.kind = kind;
    this.code = message.code;
    this.params = params;
    const fields = options.fields ?? (options.field ? [options.field] : []);
    this.fieldErrors = fields.length > 0 ? Object.fromEntries(fields.map((f) => [f, [text]])) : undefined;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** A validation error on one form field. */
export function fieldError(field: string, message: Message, params: MessageParams = {}): ServiceError {
  return new ServiceError("BAD_REQUEST", message, params, { field });
}

/** The same answer whether the thing does not exist or belongs to someone else. */
export function notFound(thing: string): ServiceError {
  return new ServiceError("NOT_FOUND", commonMessages.not_found, { thing });
}
