import type { RouterInputs, RouterOutputs } from "~/app/_trpc/types";
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

const WHOLE = /^\d{1,9}$/;

/**
 * The update's input from the form, or the errors found before asking the server: `pointsPerUnit`,
 * and per tier row `tier.<key>.name` / `tier.<key>.minPoints`.
 */
export function parseValues(orgId: string, v: ProgramValues): { input: RouterInputs["loyalty"]["update"] } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!WHOLE.test(v.pointsPerUnit.trim())) errors.pointsPerUnit = ["A whole number of points, like 1 or 10."];
  for (const t of v.tiers) {
    if (!t.name.trim()) errors[`tier.${t.key}.name`] = ["Name the tier."];
    if (!WHOLE.test(t.minPoints.trim())) errors[`tier.${t.key}.minPoints`] = ["A whole number, 0 or more."];
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      orgId,
      enabled: v.enabled,
      pointsPerUnit: Number(v.pointsPerUnit.trim()),
      tiers: v.tiers.map((t) => ({ name: t.name.trim(), minPoints: Number(t.minPoints.trim()) })),
    },
  };
}
