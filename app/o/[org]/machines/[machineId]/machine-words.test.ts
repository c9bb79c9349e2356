import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { formatsFor } from "~/app/_components/i18n/format";
import { messagesFor } from "~/server/i18n/messages";
import type { Locale } from "~/server/i18n/locales";
import { telemetryFormat } from "../machine-figures-format";
import { describeEvent, type EventWords } from "./describe-event";
import { slotProblems, unsendable, type SlotDraft } from "./slot-drafts";
import { gridProblems } from "./slot-grid";
import type { SlotTexts } from "./slot-texts";

const translator = <N extends "machines.events" | "machines.telemetry" | "machines.editor.problems">(locale: Locale, namespace: N) =>
  createTranslator({ locale, messages: messagesFor(locale), namespace });
const wordsIn = (locale: Locale): EventWords => ({
  t: translator(locale, "machines.events"),
  f: formatsFor(locale),
  telemetry: telemetryFormat(translator(locale, "machines.telemetry"), formatsFor(locale)),
  method: (method) => method,
});
const zhProblems: SlotTexts = translator("zh-CN", "machines.editor.problems");
const products: Record<string, string> = { A1: "Cola" };
const productOf = (slot: string) => products[slot];
const draft = (code: string, capacity: string, parLevel: string): SlotDraft => ({ key: code, code, productId: "", capacity, parLevel, price: "" });

describe("machine events in words", () => {
  const vend = { type: "vend.succeeded", data: { slot: "A1", priceMinor: 250, currency: "EUR", payment: { method: "card" } } };
  const heartbeat = { type: "machine.heartbeat", data: { temperatureC: 4.5, signalDbm: -67, doorOpen: false, firmware: "1.2" } };

  it("say what happened in English as before", () => {
    expect(describeEvent(vend, productOf, wordsIn("en")).summary).toBe("Vend A1 · Cola · €2.50 · card");
    expect(describeEvent(heartbeat, productOf, wordsIn("en"))).toMatchObject({ summary: "Heartbeat 4.5 °C", detail: "signal -67 dBm · good · door closed · firmware 1.2" });
    expect(describeEvent({ type: "inventory.restocked", data: { slots: [{ slot: "A1", quantity: 6 }] } }, productOf, wordsIn("en")).summary).toBe("Restocked 1 slot");
    expect(describeEvent({ type: "vend.failed", data: { slot: "B2", reason: "jammed" } }, productOf, wordsIn("en")).detail).toBe("Reason: jammed");
  });

  it("say it in Chinese for a Chinese reader, with the data as the machine sent it", () => {
    expect(describeEvent(heartbeat, productOf, wordsIn("zh-CN"))).toMatchObject({ summary: "心跳 4.5 °C", detail: "信号 -67 dBm · 良好 · 柜门关闭 · 固件 1.2" });
    expect(describeEvent({ type: "inventory.restocked", data: { slots: [{ slot: "A1", quantity: 6 }, { slot: "A2", quantity: 2 }] } }, productOf, wordsIn("zh-CN")).summary).toBe("补货 2 个货道");
    expect(describeEvent({ type: "vend.failed", data: { slot: "B2", reason: "sold_out" } }, productOf, wordsIn("zh-CN")).detail).toBe("原因：售罄");
    expect(describeEvent({ type: "machine.fault", data: { code: "COIN_JAM" } }, productOf, wordsIn("zh-CN")).summary).toBe("故障 COIN_JAM（严重程度未知）");
  });
});

describe("planogram problems in Chinese", () => {
  it("name a number typed as text, and still hold it back from the save", () => {
    const problems = slotProblems([draft("A1", "ten", "4"), draft("A2", "10", "4")], "EUR", zhProblems);
    expect(problems.get("A1")).toEqual({ capacity: "容量请输入整数。" });
    expect([...unsendable(problems, zhProblems).entries()]).toEqual([["A1", { capacity: "容量请输入整数。" }]]);
  });

  it("say what to change in the grid generator", () => {
    expect(gridProblems({ rows: "0", columns: "x", capacity: "10", parLevel: "3" }, zhProblems)).toEqual({ rows: "请输入 1 到 26 行（A 到 Z）。", columns: "请至少输入 1 列。" });
  });
});
