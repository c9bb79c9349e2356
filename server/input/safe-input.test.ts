import { describe, expect, it } from "vitest";
import { calendarDay, calendarMonth, dayRange, instant } from "./calendar";
import { pageCursor, pageCursorAfter, readPageCursor } from "./cursor";
import { findUnsafeText, textProblem } from "./text";

describe("text", () => {
  it("accepts ordinary text, tabs, line breaks and surrogate pairs", () => {
    for (const text of ["", "Cola 0.33 l", "Line 1\r\nLine 2\tend", "Straße 🚚 東京", "\ud83d\ude9a"]) expect(textProblem(text)).toBeNull();
  });

  it.each([
    ["\u0000", "contains a NUL character (U+0000) at position 1; remove it and try again."],
    ["ab\u0007", "contains a control character (U+0007) at position 3; remove it and try again."],
    ["\u007f", "contains a control character (U+007F) at position 1; remove it and try again."],
    ["x\u0085", "contains a control character (U+0085) at position 2; remove it and try again."],
    ["\ud800", "contains an incomplete character (U+D800) at position 1; remove it and try again."],
    ["a\udc00\ud83d", "contains an incomplete character (U+DC00) at position 2; remove it and try again."],
  ])("refuses %j", (text, problem) => {
    expect(textProblem(text)).toBe(problem);
  });

  it("finds unsafe text in nested values and keys, and walks deep input without overflowing", () => {
    expect(findUnsafeText({ a: [1, { b: "ok" }, { c: "x\u0000" }] })).toEqual({ path: "a[2].c", message: expect.stringMatching(/^a\[2\]\.c contains a NUL/) });
    expect(findUnsafeText({ "bad\u0000key": 1 })?.message).toMatch(/^The field name "bad\\u0000key" contains a NUL/);
    expect(findUnsafeText(new Map([["k", "\u0001"]]))).not.toBeNull();
    expect(findUnsafeText({ when: new Date(), n: 1, ok: true, none: null })).toBeNull();
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)?.message).toMatch(/contains a NUL/);
  });
});

describe("calendar", () => {
  it("accepts real days in range, including leap days", () => {
    for (const day of ["2000-01-01", "2028-02-29", "2099-12-31"]) expect(calendarDay.safeParse(day).success).toBe(true);
  });

  it.each([
    ["2026-02-29", "This date does not exist; use a real date like 2026-11-24."],
    ["2026-04-31", "This date does not exist; use a real date like 2026-11-24."],
    ["2026-13-99", "This date does not exist; use a real date like 2026-11-24."],
    ["0000-01-01", "Use a date from 2000-01-01 to 2099-12-31."],
    ["2100-01-01", "Use a date from 2000-01-01 to 2099-12-31."],
    ["2026-1-1", "Use a date like 2026-11-24."],
  ])("refuses the day %s with one message", (day, message) => {
    const result = calendarDay.safeParse(day);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it("refuses months outside the range and ranges that run backwards", () => {
    expect(calendarMonth.safeParse("2026-11").success).toBe(true);
    expect(calendarMonth.safeParse("1999-12").error?.issues[0]?.message).toBe("Use a month from 2000-01 to 2099-12.");
    const range = dayRange({});
    expect(range.safeParse({ from: "2026-11-02", to: "2026-11-01" }).error?.issues[0]).toMatchObject({ path: ["to"], message: "The start date must not be after the end date." });
    expect(range.parse({ from: "2026-11-01" })).toEqual({ from: "2026-11-01" });
  });

  it("bounds instants to what the database holds", () => {
    expect(instant.safeParse(new Date("2026-11-24T10:00:00Z")).success).toBe(true);
    expect(instant.safeParse(new Date(Number.NaN)).success).toBe(false);
    expect(instant.safeParse(new Date(-8.64e15)).success).toBe(false);
  });
});

describe("page cursors", () => {
  it("round-trip the position of the last row", () => {
    const at = new Date("2026-11-20T12:00:00.123Z");
    const cursor = pageCursorAfter(at, "sal_1|with|bars");
    expect(readPageCursor(cursor)).toEqual({ at, atText: "2026-11-20T12:00:00.123Z", id: "sal_1|with|bars" });
    expect(pageCursor.safeParse(cursor).success).toBe(true);
  });

  it.each(["", "sal_1", "|sal_1", "2026-11-20T12:00:00Z|", "2026-02-30T00:00:00Z|sal_1", "2026-11-20T24:00:00Z|sal_1", "0000-01-01T00:00:00Z|sal_1", "1|sal_1", "x".repeat(300)])(
    "refuses %j",
    (cursor) => {
      expect(pageCursor.safeParse(cursor).error?.issues[0]?.message).toBe("The page cursor is not valid; start again from the first page.");
    },
  );
});
