import type { RouterInputs } from "~/app/_trpc/types";
import { setPlanogramInput, slotInput } from "~/server/inventory/contract";
import type { Locale } from "~/server/i18n/locales";
import { amountHint, parseMajor, toMajorText } from "~/server/money";
import { englishSlotTexts, type SlotTexts } from "./slot-texts";
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

/** A new draft with its own key. */
export function draftOf(fields: Omit<SlotDraft, "key">): SlotDraft {
  return { key: newKey(), ...fields };
}

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

/** Where each of the slot schema's fields is typed in the editor. */
const fieldOfInput: Record<string, SlotField> = { code: "code", productId: "productId", capacity: "capacity", parLevel: "parLevel", priceOverrideMinor: "price" };

/**
 * What is wrong with each slot, checked by the server's own slot schema (so in its words), so
 * that a refused save can point at the slots at fault. Text where a number belongs is caught
 * first, with a hint on what to type (`t` and `locale`: in the reader's language).
 */
export function slotProblems(drafts: SlotDraft[], currency: string, t: SlotTexts = englishSlotTexts, locale?: Locale): Map<string, SlotProblems> {
  const problems = new Map<string, SlotProblems>();
  const add = (key: string, field: SlotField, message: string) => {
    const p = problems.get(key) ?? {};
    p[field] ??= message;
    problems.set(key, p);
  };
  const slots = toSlotsInput(drafts, currency);
  drafts.forEach((d, i) => {
    const slot = slots[i]!;
    if (Number.isNaN(slot.capacity)) add(d.key, "capacity", t("capacity"));
    if (Number.isNaN(slot.parLevel)) add(d.key, "parLevel", t("parLevel"));
    if (Number.isNaN(slot.priceOverrideMinor)) add(d.key, "price", amountHint(currency, locale));
    const checked = slotInput.safeParse(slot);
    for (const issue of checked.error?.issues ?? []) {
      const field = fieldOfInput[String(issue.path[0])];
      if (field) add(d.key, field, issue.message);
    }
  });
  // The list's own rule (each code once) names no slot: it is checked on the codes alone, so that
  // another fault of a slot does not hide it, and marks every slot whose code repeats.
  const codesOnly = slots.map((s) => ({ code: s.code, productId: null, capacity: 1, parLevel: 0 }));
  const listIssue = setPlanogramInput.shape.slots.safeParse(codesOnly).error?.issues.find((i) => i.path.length === 0);
  if (listIssue) {
    const codes = drafts.map((d) => d.code.trim().toUpperCase());
    drafts.forEach((d, i) => {
      if (codes.indexOf(codes[i]!) !== codes.lastIndexOf(codes[i]!)) add(d.key, "code", listIssue.message);
    });
  }
  return problems;
}

/** Problems that keep a request from being made at all (text where a number belongs), as `slotProblems` said them with `t`. */
export function unsendable(problems: Map<string, SlotProblems>, t: SlotTexts = englishSlotTexts): Map<string, SlotProblems> {
  const blocking = new Map<string, SlotProblems>();
  for (const [key, p] of problems) {
    const b: SlotProblems = {};
    if (p.capacity === t("capacity")) b.capacity = p.capacity;
    if (p.parLevel === t("parLevel")) b.parLevel = p.parLevel;
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
