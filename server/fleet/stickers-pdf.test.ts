import { describe, expect, it } from "vitest";
import { pdfTexts } from "~/test/pdf-text";
import { payPageUrl, stickersPdf } from "./stickers-pdf";

const options = { orgName: "Demo Vending", baseUrl: "https://vend.example.com/", layout: "single" as const };

describe("stickersPdf", () => {
  it("links each code to the machine's pay page on the app's address", () => {
    expect(payPageUrl("https://vend.example.com/", "mch_Ab1")).toBe("https://vend.example.com/m/mch_Ab1");
  });

  it("keeps a long name on one line, shortened, and prints characters the PDF fonts lack as ?", async () => {
    const long = "Station hall 1 with a rather long name that goes on and on";
    const texts = pdfTexts(await stickersPdf([{ machineId: "mch_1", name: long, locationName: "北京站", address: "" }], options));
    const name = texts.find((t) => t.size === 12)!;
    expect(name.text).toMatch(/^Station hall 1 with a .+…$/);
    expect(name.text.length).toBeLessThan(long.length);
    expect(texts.filter((t) => t.size === 12)).toHaveLength(1);
    expect(texts.map((t) => t.text)).toContain("???");
    expect(texts.map((t) => t.text)).toContain("vend.example.com/m/mch_1");
  });
});
