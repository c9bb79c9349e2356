import type { RouterInputs } from "~/app/_trpc/types";
import { amountHint, parseMajor, toMajorText } from "~/server/money";
import type { PlanogramSlot } from "./use-machine";

/** A slot as the planogram editor holds it: what the person typed. */
export interface SlotDraft {
  key: string;
  code: string;
  /** "" for an empty slot. */
  productId: string;
  capacity: string;
  parLevel: string;
  /** In major units; "" to use the product's price. */
  price: string;
}

export type SlotField = "code" | "productId" | "capacity" | "parLevel" | "price";
export type SlotProblems = Partial<Record<SlotField, string>>;

let counter = 0;
const newKey = () => `slot-${++counter}`;

export function toDrafts(slots: PlanogramSlot[], currency: string): SlotDraft[] {
  return slots.map((s) => ({
    key: newKey(),
    code: s.code,
    productId: s.productId ?? "",
    capacity: String(s.capacity),
    parLevel: String(s.parLevel),
    price: s.priceOverrideMinor === null ? "" : toMajorText(s.priceOverrideMinor, currency),
  }));
}

/** The next slot after the last one: A4 after A3, same capacity and par. */
export function nextDraft(drafts: SlotDraft[]): SlotDraft {
  const last = drafts.at(-1);
  const match = last ? /^([A-Za-z]*)(\d+)$/.exec(last.code.trim()) : null;
  const code = !last ? "A1" : match ? `${match[1]!.toUpperCase()}${Number(match[2]) + 1}` : "";
  return { key: newKey(), code, productId: "", capacity: last?.capacity || "10", parLevel: last?.parLevel || "3", price: "" };
}

const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/**
 * What is wrong with each slot, by the same rules and in the same words as the server's check,
 * so that a refused save can point at the slots at fault.
 */
export function slotProblems(drafts: SlotDraft[], currency: string): Map<string, SlotProblems> {
  const problems = new Map<string, SlotProblems>();
  const add = (key: string, field: SlotField, message: string) => {
    const p = problems.get(key) ?? {};
    p[field] ??= message;
    problems.set(key, p);
  };
  const codes = new Map<string, number>();
  for (const d of drafts) codes.set(d.code.trim().toUpperCase(), (codes.get(d.code.trim().toUpperCase()) ?? 0) + 1);
  for (const d of drafts) {
    const code = d.code.trim().toUpperCase();
    if (!/^[A-Z0-9]{1,8}$/.test(code)) add(d.key, "code", "A slot code is 1 to 8 letters or digits, such as A1.");
    else if ((codes.get(code) ?? 0) > 1) add(d.key, "code", "Each slot code may appear once.");
    const capacity = wholeNumber(d.capacity);
    const par = wholeNumber(d.parLevel);
    if (Number.isNaN(capacity)) add(d.key, "capacity", "Enter the capacity as a whole number.");
    else if (capacity < 1) add(d.key, "capacity", "Capacity is at least 1.");
    else if (capacity > 999) add(d.key, "capacity", "Capacity is at most 999.");
    if (Number.isNaN(par)) add(d.key, "parLevel", "Enter the par level as a whole number.");
    else if (!Number.isNaN(capacity) && par > capacity) add(d.key, "parLevel", "Par level cannot exceed capacity.");
    if (Number.isNaN(parseMajor(d.price, currency))) add(d.key, "price", amountHint(currency));
  }
  return problems;
}

/** Problems that keep a request from being made at all (text where a number belongs). */
export function unsendable(problems: Map<string, SlotProblems>): Map<string, SlotProblems> {
  const blocking = new Map<string, SlotProblems>();
  for (const [key, p] of problems) {
    const b: SlotProblems = {};
    if (p.capacity?.startsWith("Enter")) b.capacity = p.capacity;
    if (p.parLevel?.startsWith("Enter")) b.parLevel = p.parLevel;
    if (p.price) b.price = p.price;
    if (Object.keys(b).length > 0) blocking.set(key, b);
  }
  return blocking;
}

export function toSlotsInput(drafts: SlotDraft[], currency: string): RouterInputs["planogram"]["set"]["slots"] {
  return drafts.map((d) => ({
    code: d.code,
    productId: d.productId || null,
    capacity: wholeNumber(d.capacity),
    parLevel: wholeNumber(d.parLevel),
    priceOverrideMinor: parseMajor(d.price, currency),
  }));
}
