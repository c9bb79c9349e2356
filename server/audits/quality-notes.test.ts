import { describe, expect, it } from "vitest";
import { renderMessage } from "~/server/errors";
import { crossCheckNotes, notesIn } from "./quality-notes";

// Notes exactly as the parser writes them (server/ingest/dex/parse.test.ts checks the parser
// writes these): each must be recognised, so a page can read it in Chinese.
const parserWritten = [
  'VA102 is not a number: "6 7". It is read as not given.',
  'CA201 is larger than 4294967295, the largest number a DEX file holds: "4294967296". It is read as not given.',
  'CA1706 is not 1 or 0: "2". It is read as not given.',
  "The file does not say when it was read: it has no EA302 or ID501 date.",
  'The read date and time (ID501 "20250231", ID502 "") are not a real date and time, so the read time is left empty.',
  "A PA1 record has no selection number (PA101); it is listed without one.",
  "The check value in G85 (no value) does not match the file's content (DEB6 expected): the file may have been damaged on its way.",
  "The file has no machine serial number (ID101).",
  "The SE record says the file has 17 records, but 16 were counted. The file is accepted anyway.",
];

describe("an audit's quality notes in the reader's language", () => {
  it("says every note the parser writes in Chinese, its figures kept, and leaves English and unknown notes as stored", () => {
    const notes = parserWritten.map((message) => ({ code: "any", message }));
    const zh = notesIn(notes, "zh-CN").map((n) => n.message);
    for (const text of zh) expect(text).toMatch(/\p{Script=Han}/u);
    expect(zh[0]).toBe('VA102 不是数字："6 7"。按未提供处理。');
    expect(zh[6]).toBe("G85 中的校验值（无值）与文件内容不符（应为 DEB6）：文件可能在传输中损坏。");
    expect(zh[8]).toBe("SE 记录说明文件有 17 条记录，但实际数到 16 条。文件仍被接受。");
    expect(notesIn(notes, "en")).toEqual(notes);
    expect(notesIn([{ code: "x", message: "Something new." }], "zh-CN")).toEqual([{ code: "x", message: "Something new." }]);
  });

  it("reads back the cross-checks' notes, their counter names included", () => {
    const note = renderMessage(crossCheckNotes.counter_went_back, { counter: "Paid vends (VA102)", before: 310, after: 300 });
    expect(note).toBe("Paid vends (VA102) went back since the previous audit (310 → 300).");
    expect(notesIn([{ code: "counter_went_back", message: note }], "zh-CN")[0]!.message).toBe("自上次 DEX 审计数据以来，已付款出货次数（VA102）出现回退（310 → 300）。");
  });
});
