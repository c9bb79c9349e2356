"use client";

import { QrCode } from "lucide-react";
import { useTranslations } from "next-intl";
import QRCode from "qrcode";
import { useEffect, useState } from "react";

/** The providers whose app has its own name in `consumer.order.qr.wallets`. */
const WALLETS = ["wechatpay", "alipay"] as const;

/**
 * The code to scan with the wallet app while the order awaits payment (WeChat Pay Native, Alipay
 * precreate). The order page keeps polling, so it moves on by itself once the payment is in.
 */
export function PaymentQr({ code, provider }: { code: string; provider: string }) {
  const t = useTranslations("consumer.order.qr");
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(code, { margin: 1, width: 240, errorCorrectionLevel: "M" })
      .then((url) => live && setImage(url))
      .catch(() => live && setImage(null));
    return () => {
      live = false;
    };
  }, [code]);
  const wallet = t(`wallets.${WALLETS.find((w) => w === provider) ?? "other"}`);

  return (
    <figure className="flex flex-col items-center gap-3 rounded-lg border border-zinc-200 bg-white p-4 text-center dark:border-zinc-800 dark:bg-zinc-900">
      {image ? (
        // A data URL made in the browser: next/image has nothing to optimise.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={image} width={240} height={240} alt={t("alt", { wallet })} className="size-60 rounded bg-white p-1" />
      ) : (
        <div aria-hidden className="flex size-60 items-center justify-center rounded bg-zinc-100 dark:bg-zinc-800">
          <QrCode className="size-10 text-zinc-400" />
        </div>
      )}
      <figcaption className="space-y-1">
        <span className="block font-medium text-zinc-900 dark:text-zinc-100">{t("scan", { wallet })}</span>
        <span className="block text-sm text-zinc-600 dark:text-zinc-400">{t("updates")}</span>
      </figcaption>
    </figure>
  );
}
