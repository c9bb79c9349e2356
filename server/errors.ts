import type { Locale } from "./i18n/locales";
import zhCN from "./i18n/server-texts.zh-CN.json";
import zhTerms from "./i18n/server-terms.zh-CN.json";

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
  const messages = Object.fromEntries(Object.entries(texts).map(([name, en]) => [name, { code: `${domain}.${name}`, en }])) as { [K in keyof T]: Message };
  for (const message of Object.values(messages)) registry.set(message.code, message);
  return messages;
}

const registry = new Map<string, Message>();

/** Every message declared so far (each domain's contract declares its own when it loads). */
export function declaredMessages(): Message[] {
  return [...registry.values()];
}

/** Chinese texts of the messages, by code (server/i18n/server-texts.zh-CN.json). */
const translations: Readonly<Record<Exclude<Locale, "en">, Readonly<Record<string, string>>>> = { "zh-CN": zhCN };
/** Words services pass as parameters (what was not found, a status, a means of payment), in Chinese. */
const terms: Readonly<Record<Exclude<Locale, "en">, Readonly<Record<string, string>>>> = { "zh-CN": zhTerms };

/**
 * A message's text in a language (English by default) with its parameters filled in; a missing
 * parameter stays as `{name}`, and a message not yet translated reads in English.
 */
export function renderMessage(message: Pick<Message, "en"> & Partial<Pick<Message, "code">>, params: MessageParams = {}, locale?: Locale): string {
  const translated = locale && locale !== "en" && message.code ? translations[locale][message.code] : undefined;
  const text = translated ?? message.en;
  const word = (value: string | number) => (translated && typeof value === "string" ? (terms[locale as Exclude<Locale, "en">][value] ?? value) : String(value));
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? word(params[name]!) : slot));
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
  /** The message and the fields it concerns, to render it again in the reader's language. */
  readonly template: Message;
  readonly fields: readonly string[];

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
    this.template = message;
    this.fields = fields;
  }

  /** The message and field errors in a language. */
  localized(locale: Locale): { message: string; fieldErrors?: FieldErrors } {
    const text = renderMessage(this.template, this.params, locale);
    return { message: text, fieldErrors: this.fields.length > 0 ? Object.fromEntries(this.fields.map((f) => [f, [text]])) : undefined };
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
