// Texts stored or passed on in English (an audit's quality notes, a webhook endpoint's disabled
// reason) said again in the reader's language: the message that wrote the text is found by its
// English template, and its parameters are read back from the text.
import "server-only";
import { renderMessage, type Message } from "~/server/errors";
import type { Locale } from "./locales";

const patterns = new Map<string, RegExp>();

/** The English template as a pattern that matches its own rendering and captures each `{name}`. */
function patternOf(message: Message): RegExp {
  let pattern = patterns.get(message.code);
  if (!pattern) {
    const source = message.en
      .split(/(\{\w+\})/)
      .map((part) => (/^\{\w+\}$/.test(part) ? `(?<${part.slice(1, -1)}>[\\s\\S]*?)` : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("");
    pattern = new RegExp(`^${source}$`);
    patterns.set(message.code, pattern);
  }
  return pattern;
}

/** The parameters `message` was rendered with to give `text` (as text), or null when it did not write it. */
export function readBack(message: Message, text: string): Record<string, string> | null {
  const match = patternOf(message).exec(text);
  return match ? { ...match.groups } : null;
}

/**
 * `text` in `locale` when one of `messages` wrote it (its parameters, read back, are words the
 * terms file may translate); any other text, or English, stays as it is.
 */
export function sayAgain(text: string, messages: Iterable<Message>, locale?: Locale): string {
  if (!locale || locale === "en") return text;
  for (const message of messages) {
    const params = readBack(message, text);
    if (params) return renderMessage(message, params, locale);
  }
  return text;
}
