import "server-only";
import type { Transporter } from "nodemailer";
import { env } from "~/env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Files sent along, e.g. a receipt's PDF. */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

let transport: Promise<Transporter> | undefined;

/** Whether outgoing e-mail is configured (SMTP_URL). */
export function mailEnabled(): boolean {
  return Boolean(env.SMTP_URL);
}

/**
 * Sends one e-mail through SMTP_URL. Returns false, without throwing, when mail is not configured
 * or the server refuses: callers always have another way to deliver what they send (a link shown
 * on screen, an in-app notification).
 */
export async function sendMail(mail: Mail, options: { smtpUrl?: string } = {}): Promise<boolean> {
  if (!options.smtpUrl && !env.SMTP_URL) return false;
  try {
    await deliverMail(mail, options);
    return true;
  } catch (error) {
    console.error("[mail] sending failed:", error instanceof Error ? error.message : error);
    return false;
  }
}

/** Sends one e-mail through `smtpUrl` (default SMTP_URL) and throws the server's refusal, for callers that retry. */
export async function deliverMail(mail: Mail, options: { smtpUrl?: string } = {}): Promise<void> {
  const url = options.smtpUrl ?? env.SMTP_URL;
  if (!url) throw new Error("E-mail is not configured (SMTP_URL).");
  const sender =
    url === env.SMTP_URL ? (transport ??= import("nodemailer").then((m) => m.default.createTransport(url))) : import("nodemailer").then((m) => m.default.createTransport(url));
  await (await sender).sendMail({ from: env.MAIL_FROM, ...mail });
}

/** The public address of this deployment, for links in e-mails. */
export function appUrl(): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}
