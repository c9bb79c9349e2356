import "server-only";
import type { CheckoutChannel } from "./payment-provider";

/**
 * How a browser pays with a wallet app: a phone browser goes to the wallet's mobile web page; a
 * desktop browser shows a QR code to scan with the phone. Inside WeChat's own browser H5 payment
 * is refused, and a QR code can be long-pressed to pay, so it gets the QR code too.
 */
export function checkoutChannelOf(userAgent: string | null | undefined): CheckoutChannel {
  const ua = userAgent ?? "";
  if (/MicroMessenger/i.test(ua)) return "qr";
  return /Mobi|Android|iPhone|iPod|iPad|HarmonyOS|Windows Phone/i.test(ua) ? "mobile_web" : "qr";
}
