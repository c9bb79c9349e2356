import { describe, expect, it } from "vitest";
import { defaultLedgerAccounts, ledgerAccountsIn } from "./journal-accounts";

describe("the chart of accounts as a page shows it", () => {
  it("keeps the exports' English names and codes, and reads the names in Chinese on a Chinese page", () => {
    const english = Object.values(defaultLedgerAccounts).map((a) => ({ code: a.code, name: a.name }));
    expect(ledgerAccountsIn().map(({ code, name }) => ({ code, name }))).toEqual(english);
    expect(ledgerAccountsIn("en").map(({ code, name }) => ({ code, name }))).toEqual(english);
    const zh = ledgerAccountsIn("zh-CN");
    expect(zh.map((a) => a.code)).toEqual(english.map((a) => a.code));
    for (const a of zh) expect(a.name).toMatch(/\p{Script=Han}/u);
    expect(zh.find((a) => a.key === "vatPayable")!.name).toBe("应交增值税");
    // The export's own table is untouched.
    expect(defaultLedgerAccounts.vatPayable.name).toBe("VAT payable");
  });
});
