import { describe, expect, it } from "vitest";
import { saveContractInput } from "~/server/hosts/contract";
import { formValuesFrom, parsePercent, splitEmails, toSaveFields, type ContractFormValues } from "./contract-form-values";

const empty = formValuesFrom(null, "2026-11");
const form = (over: Partial<ContractFormValues>): ContractFormValues => ({ ...empty, ...over });

describe("percentages typed into the contract form", () => {
  it("become basis points without floating point", () => {
    expect(parsePercent("15")).toBe(1500);
    expect(parsePercent("12.5")).toBe(1250);
    expect(parsePercent("7,25")).toBe(725);
    expect(parsePercent("0.01")).toBe(1);
    expect(parsePercent("14.35")).toBe(1435);
    expect(parsePercent("100")).toBe(10_000);
    expect(parsePercent(" 15 % ")).toBe(1500);
    expect(parsePercent("")).toBeNull();
  });

  it("are refused when they are not a percentage from 0 to 100 with two decimals at most", () => {
    for (const text of ["abc", "-5", "100.01", "150", "1.234", "1e2"]) expect(parsePercent(text)).toBeNaN();
  });
});

describe("the contract form as the procedure takes it", () => {
  it("sends one rate, amounts in minor units and the contacts as a list", () => {
    const { fields, errors } = toSaveFields(
      form({ percent: "15", perUnit: "0.10", flatRent: "50", minimumGuarantee: "80.00", contactEmails: "a@example.com, b@example.com\nc@example.com", notes: " Signed " }),
      "EUR",
    );
    expect(errors).toEqual({});
    expect(fields).toEqual({
      effectiveFrom: "2026-11",
      basis: "net",
      percentBp: 1500,
      perUnitMinor: 10,
      flatRentMinor: 5000,
      minimumGuaranteeMinor: 8000,
      contactEmails: ["a@example.com", "b@example.com", "c@example.com"],
      notes: "Signed",
    });
    expect(saveContractInput.safeParse({ locationId: "loc_1", ...fields }).success).toBe(true);
  });

  it("sends only the fields of the chosen kind", () => {
    const split = toSaveFields(form({ kind: "split", percent: "15", cashPercent: "10", cashlessPercent: "12.5" }), "EUR").fields;
    expect(split.percentBp).toBeUndefined();
    expect([split.cashPercentBp, split.cashlessPercentBp]).toEqual([1000, 1250]);
    const tiers = toSaveFields(form({ kind: "tiers", percent: "15", tiers: [{ from: "", percent: "10" }, { from: "500", percent: "15" }] }), "EUR").fields;
    expect(tiers.percentBp).toBeUndefined();
    expect(tiers.tiers).toEqual([
      { fromMinor: 0, percentBp: 1000 },
      { fromMinor: 50_000, percentBp: 1500 },
    ]);
    expect(saveContractInput.safeParse({ locationId: "loc_1", ...tiers }).success).toBe(true);
    const rentOnly = toSaveFields(form({ kind: "none", percent: "15", flatRent: "75" }), "EUR").fields;
    expect(rentOnly).toMatchObject({ flatRentMinor: 7500 });
    expect(rentOnly.percentBp).toBeUndefined();
  });

  it("names the fields that cannot be read, with the server's keys", () => {
    const { errors } = toSaveFields(form({ effectiveFrom: "", percent: "15x", perUnit: "1.234", kind: "percent" }), "EUR");
    expect(Object.keys(errors).sort()).toEqual(["effectiveFrom", "perUnitMinor", "percentBp"]);
    expect(toSaveFields(form({ kind: "percent", percent: "" }), "EUR").errors.percentBp).toEqual(["Enter a percentage."]);
    expect(toSaveFields(form({ kind: "tiers", tiers: [{ from: "0", percent: "" }] }), "EUR").errors.tiers).toHaveLength(1);
  });

  it("uses the currency's precision", () => {
    expect(toSaveFields(form({ kind: "none", flatRent: "5000" }), "JPY").fields.flatRentMinor).toBe(5000);
    expect(toSaveFields(form({ kind: "none", flatRent: "50.5" }), "JPY").errors.flatRentMinor).toBeDefined();
  });

  it("fills the form from the contract in force, to change it from a later month", () => {
    const values = formValuesFrom(
      { basis: "gross", percentBp: null, cashPercentBp: 1000, cashlessPercentBp: 1250, tiers: null, perUnitMinor: 5, flatRentMinor: null, minimumGuaranteeMinor: 8000, currency: "EUR", contactEmails: ["host@example.com"], notes: "" },
      "2026-12",
    );
    expect(values).toMatchObject({ effectiveFrom: "2026-12", basis: "gross", kind: "split", cashPercent: "10", cashlessPercent: "12.5", perUnit: "0.05", minimumGuarantee: "80.00", contactEmails: "host@example.com" });
  });

  it("reads e-mail addresses however they are separated", () => {
    expect(splitEmails(" a@x.com;b@x.com\n\n c@x.com ")).toEqual(["a@x.com", "b@x.com", "c@x.com"]);
  });
});
