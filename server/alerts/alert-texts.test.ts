import { describe, expect, it } from "vitest";
import { alertHeading, alertText, type AlertData, type AlertRule } from "./contract";

const text = <R extends AlertRule>(rule: R, code: string, data: AlertData[R]) => alertText({ rule, code, data });

describe("alert texts, rendered from rule, code and data", () => {
  it("says what each rule saw", () => {
    expect(text("machine_fault", "COIN_JAM", { message: "Coin path blocked" })).toBe("Coin path blocked");
    expect(text("machine_fault", "COIN_JAM", {})).toBe("Fault COIN_JAM");
    expect(text("machine_offline", "offline", { lastSeenAt: "", silentMinutes: 16, offlineMinutes: 15 })).toBe("No event for 16 minutes (threshold 15 minutes).");
    expect(text("machine_offline", "offline", { lastSeenAt: "", silentMinutes: 190, offlineMinutes: 15 })).toBe("No event for 3 hours (threshold 15 minutes).");
    expect(text("low_stock", "A1", { slot: "A1", stock: 0, par: 5 })).toBe("Slot A1 is empty (par 5).");
    expect(text("low_stock", "A1", { slot: "A1", stock: 1, par: 5 })).toBe("Slot A1 is low: 1 of par 5.");
    expect(text("temperature", "too_warm", { temperatureC: 11.5, min: 2, max: 8 })).toBe("Temperature 11.5 °C, above 8 °C.");
    expect(text("temperature", "too_cold", { temperatureC: 0.5, min: 2, max: 8 })).toBe("Temperature 0.5 °C, below 2 °C.");
    expect(text("no_sales", "no_sales", { lastSaleAt: "", expected: 7.3, silentHours: 8, chanceOfNonePercent: 0.067 })).toBe(
      "No sale for 8 hours; its history at these hours expects 7.3 (chance of none 0.067 %).",
    );
    expect(text("vend_failures", "A1", { slot: "A1", failures: 3, reason: "jammed", windowMinutes: 60 })).toBe("3 failed vends on slot A1 within 60 minutes (last: jammed).");
    expect(text("door_open", "door_open", { openSince: "", openMinutes: 11 })).toBe("The door has been open for 11 minutes.");
    expect(text("cash_refund_owed", "cash_refund_owed", { saleId: "sal_1", slot: "B2", amountMinor: 150, currency: "EUR" })).toBe(
      "A cash vend failed at slot B2: 1.50 EUR is owed back in cash.",
    );
    expect(text("refund_failed", "rfd_1", { refundId: "rfd_1", saleId: null, orderId: "ord_1", amountMinor: 250, currency: "EUR", attempts: 8, error: "Card expired" })).toBe(
      "A refund of 2.50 EUR could not be sent after 8 attempt(s): Card expired",
    );
    expect(text("predicted_sellout", "B1", { slot: "B1", product: "Cola", probability: 0.83, nextVisitDate: "2026-03-04" })).toBe(
      "Slot B1 (Cola) is predicted to sell out before the next visit on 2026-03-04: 83% likely.",
    );
    expect(text("predicted_sellout", "B1", { slot: "B1", product: "Cola", probability: 0.5, nextVisitDate: null })).toBe(
      "Slot B1 (Cola) is predicted to sell out before the next visit (none planned this week): 50% likely.",
    );
    // Raised since the plan is consulted: why the plan does not cover it.
    const why = { slot: "B1", product: "Cola", probability: 0.83, selloutDate: "2026-12-08", lostMinor: 1400, visitCostMinor: 1000, currency: "EUR" };
    expect(text("predicted_sellout", "B1", { ...why, nextVisitDate: "2026-12-10" })).toBe(
      "Slot B1 (Cola) sells out Tue 8 Dec, next planned visit Thu 10 Dec: 14.00 EUR lost in between, more than a visit (10.00 EUR). 83% likely.",
    );
    expect(text("predicted_sellout", "B1", { ...why, nextVisitDate: null })).toBe(
      "Slot B1 (Cola) sells out Tue 8 Dec, no visit planned this week: 14.00 EUR lost over the week, more than a visit (10.00 EUR). 83% likely.",
    );
  });

  it("falls back to the stored English of alerts whose data lacks the story, else to the heading", () => {
    expect(alertText({ rule: "low_stock", code: "A1", data: {}, message: "Slot A1 is low." })).toBe("Slot A1 is low.");
    expect(alertText({ rule: "low_stock", code: "A1", data: {} })).toBe("Low stock A1");
    expect(alertHeading({ rule: "machine_offline", code: "offline" })).toBe("Offline");
  });
});
