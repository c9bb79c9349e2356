// What the webhooks page says about an endpoint in words the server writes: why it was disabled
// (stored in English with the endpoint) and why a test event failed, in the reader's language.
import "server-only";
import { defineMessages, renderMessage } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { readBack, sayAgain } from "~/server/i18n/read-back";
import { notificationsMessages } from "./contract";

export const webhookTexts = defineMessages("webhook_texts", {
  disabled_by_hand: "Disabled by hand.",
  disabled_after_failures: "Disabled after {attempts} failed attempts to deliver {delivery}: {error}",
  endpoint_answered: "The endpoint answered {status}.",
  no_answer: "No answer within {seconds} s.",
  could_not_connect: "Could not connect to the endpoint. Check the URL and that the receiver is running and reachable from the internet.",
});

const attemptErrors = [webhookTexts.endpoint_answered, webhookTexts.no_answer, webhookTexts.could_not_connect, notificationsMessages.non_public_address];

/** Why a delivery attempt failed, as `postWebhook` says it, in `locale` (English when left out). */
export function attemptErrorIn(error: string, locale?: Locale): string {
  return sayAgain(error, attemptErrors, locale);
}

/** An endpoint's stored disabled reason in `locale`, the failed attempt's own reason included. */
export function disabledReasonIn(reason: string, locale?: Locale): string {
  if (!locale || locale === "en") return reason;
  const [byHand, afterFailures] = [webhookTexts.disabled_by_hand, webhookTexts.disabled_after_failures];
  if (reason === byHand.en) return renderMessage(byHand, {}, locale);
  const failures = readBack(afterFailures, reason);
  if (!failures) return reason;
  return renderMessage(afterFailures, { attempts: failures.attempts!, delivery: failures.delivery!, error: attemptErrorIn(failures.error!, locale) }, locale);
}
