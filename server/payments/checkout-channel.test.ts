import { describe, expect, it } from "vitest";
import { checkoutChannelOf } from "./checkout-channel";

describe("the checkout channel of a browser", () => {
  it("sends phones to the wallet's mobile page and shows desktops (and WeChat's own browser) a QR code", () => {
    const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    const android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Mobile Safari/537.36";
    const wechat = `${android} MicroMessenger/8.0.49.2600(0x28003133) NetType/WIFI Language/zh_CN`;
    const desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36";
    expect([iphone, android, wechat, desktop, "", null].map(checkoutChannelOf)).toEqual(["mobile_web", "mobile_web", "qr", "qr", "qr", "qr"]);
  });
});
