import type { RouterInputs, RouterOutputs } from "~/app/_trpc/types";
import { loyaltyProgramInput } from "~/server/consumers/contract";
import type { FieldErrors } from "~/server/errors";

export type Program = RouterOutputs["loyalty"]["get"];

/** A tier as the form holds it: numbers as typed, and a key that stays put while rows move. */
export interface TierDraft {
  key: string;
  name: string;
  minPoints: string;
}

export interface ProgramValues {
  enabled: boolean;
  pointsPerUnit: string;
  tiers: TierDraft[];
}

let nextKey = 0;
export const newTierKey = () => `tier-${++nextKey}`;

export function valuesOf(program: Program): ProgramValues {
  return {
    enabled: program.enabled,
    pointsPerUnit: String(program.pointsPerUnit),
    tiers: program.tiers.map((t) => ({ key: newTierKey(), name: t.name, minPoints: String(t.minPoints) })),
  };
}

/** Whether two versions of the form say the same thing (row keys aside). */
export function sameValues(a: ProgramValues, b: ProgramValues): boolean {
  const plain = (v: ProgramValues) => JSON.stringify([v.enabled, v.pointsPerUnit.trim(), v.tiers.map((t) => [t.name.trim(), t.minPoints.trim()])]);
  return plain(a) === plain(b);
}

/** A number as typed; blank or not a number is NaN, which the form reports before the schema. */
function typedNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

/**
 * The update's input from the form, or the errors found before asking the server, by the server's
 * own schema: `pointsPerUnit`, `tiers` for the list, and per tier row `tier.<key>.name` /
 * `tier.<key>.minPoints`.
 */
export function parseValues(
  orgId: string,
  v: ProgramValues,
  words: { wholePoints: string; wholeNumber: string },
): { input: RouterInputs["loyalty"]["update"] } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const candidate = {
    enabled: v.enabled,
    pointsPerUnit: typedNumber(v.pointsPerUnit),
    tiers: v.tiers.map((t) => ({ name: t.name, minPoints: typedNumber(t.minPoints) })),
  };
  if (Number.isNaN(candidate.pointsPerUnit)) add("pointsPerUnit", words.wholePoints);
  for (const [i, t] of v.tiers.entries()) {
    if (Number.isNaN(candidate.tiers[i]!.minPoints)) add(`tier.${t.key}.minPoints`, words.wholeNumber);
  }
  const result = loyaltyProgramInput.safeParse(candidate);
  if (result.success && Object.keys(errors).length === 0) return { input: { orgId, ...result.data } };
  for (const issue of result.error?.issues ?? []) {
    const [field, row, part] = issue.path;
    const key = typeof row === "number" ? v.tiers[row]?.key : undefined;
    const name = field === "tiers" && key && part ? `tier.${key}.${String(part)}` : String(field ?? "form");
    // A number the form already reported as not typed in is not reported twice.
    if (!errors[name]) add(name, issue.message);
  }
  return { errors };
}
