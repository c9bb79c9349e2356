import type { Transporter } from "nodemailer";
import { env } from "~/env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
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
export async function sendMail(mail: Mail): Promise<boolean> {
  if (!env.SMTP_URL) return false;
  const url = env.SMTP_URL;
  transport ??= import("nodemailer").then((m) => m.default.createTransport(url));
  try {
    await (await transport).sendMail({ from: env.MAIL_FROM, ...mail });
    return true;
  } catch (error) {
    console.error("[mail] sending failed:", error instanceof Error ? error.message : error);
    return false;
  }
}

/** The public address of this deployment, for links in e-mails. */
export function appUrl(): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}
