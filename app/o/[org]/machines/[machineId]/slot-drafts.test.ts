import { describe, expect, it } from "vitest";
import { nextDraft, slotProblems, toSlotsInput, unsendable, type SlotDraft } from "./slot-drafts";

const draft = (code: string, capacity: string, parLevel: string, price = ""): SlotDraft => ({ key: code || "blank", code, productId: "", capacity, parLevel, price });

describe("planogram drafts", () => {
  it("suggests the next slot of the row", () => {
    expect(nextDraft([]).code).toBe("A1");
    expect(nextDraft([draft("B7", "12", "4")])).toMatchObject({ code: "B8", capacity: "12", parLevel: "4" });
  });

  it("finds the problems the server refuses, in its words, on the slot at fault", () => {
    const problems = slotProblems([draft("A1", "10", "4"), draft("a1", "8", "9"), draft("A-3", "0", "0")], "EUR");
    expect(problems.get("A1")).toEqual({ code: "Each slot code may appear once." });
    expect(problems.get("a1")).toEqual({ code: "Each slot code may appear once.", parLevel: "Par level cannot exceed capacity." });
    expect(problems.get("A-3")).toEqual({ code: "A slot code is 1 to 8 letters or digits, such as A1.", capacity: "Capacity is at least 1." });
  });

  it("holds back only what cannot be sent, and sends prices in minor units", () => {
    const drafts = [draft("A1", "ten", "4"), draft("A2", "10", "4", "2,5")];
    expect([...unsendable(slotProblems(drafts, "EUR")).entries()]).toEqual([["A1", { capacity: "Enter the capacity as a whole number." }]]);
    expect(toSlotsInput([drafts[1]!], "EUR")).toEqual([{ code: "A2", productId: null, capacity: 10, parLevel: 4, priceOverrideMinor: 250 }]);
  });
});
