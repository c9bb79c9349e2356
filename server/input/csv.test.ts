import { describe, expect, it } from "vitest";
import type { ServiceError } from "~/server/errors";
import { columnKey, notAnAmount, readCsv } from "./csv";

const spec = { columns: ["sku", "name", "image_url"] as const, required: ["sku"] as const, aliases: { product: "name" } as const, maxRows: 3 };

describe("reading a CSV file", () => {
  it("finds columns by name in any order and case, and numbers rows as a spreadsheet does", () => {
    const table = readCsv('Name,Notes,SKU\r\nCola,"two\nlines",A-1\r\n\r\n"Water, still",,B-2\r\n', spec);
    expect(table.columns).toEqual(["name", "sku"]);
    expect(table.ignored).toEqual(["Notes"]);
    expect(table.rows).toEqual([
      { row: 2, cells: { name: "Cola", sku: "A-1" } },
      { row: 5, cells: { name: "Water, still", sku: "B-2" } },
    ]);
  });

  it("reads semicolons, tabs, Excel's sep= line, a byte order mark and aliases", () => {
    expect(readCsv("\uFEFFsku;Product\nA;Cola;extra\n", spec).rows).toEqual([{ row: 2, cells: { sku: "A", name: "Cola" } }]);
    expect(readCsv("sku\tImage URL\nA\thttps://x.test/a.png\n", spec).rows).toEqual([{ row: 2, cells: { sku: "A", image_url: "https://x.test/a.png" } }]);
    expect(readCsv("sep=;\nsku;name\nA;Cola, light\n", spec).rows).toEqual([{ row: 3, cells: { sku: "A", name: "Cola, light" } }]);
    expect(readCsv("sku,name\nA\n", spec).rows).toEqual([{ row: 2, cells: { sku: "A", name: "" } }]);
    expect(readCsv('sku,name\nP-12,12" pizza\n', spec).rows).toEqual([{ row: 2, cells: { sku: "P-12", name: '12" pizza' } }]);
    expect(columnKey(" imageUrl ")).toBe("image_url");
  });

  it("refuses what it cannot use, saying what to do", () => {
    expect(() => readCsv("   \n\n", spec)).toThrow("The file is empty: its first row should name the columns (sku, name, image_url).");
    expect(() => readCsv("name\nCola\n", spec)).toThrow("The file has no sku column. Name the columns in the first row: sku, name, image_url.");
    expect(() => readCsv("sku\n", spec)).toThrow("The file has a header row but no rows under it.");
    expect(() => readCsv("sku\n1\n2\n3\n4\n", spec)).toThrow("The file has 4 rows; import at most 3 at once, or split the file.");
    expect(() => readCsv('sku,name\nA,"Cola\n', spec)).toThrow(/could not be read as CSV at line \d: a quote is opened and never closed/);
    expect(() => readCsv('sku,name\nA,"Cola" light\n', spec)).toThrow("The file could not be read as CSV at line 2: a quoted cell has more text after its closing quote. Save it again as CSV and retry.");
    // The parser's reason reads in the reader's language too.
    const refusal = (() => {
      try {
        readCsv('sku,name\nA,"Cola" light\n', spec);
      } catch (error) {
        return error as ServiceError;
      }
    })();
    expect(refusal!.localized("zh-CN").message).toBe("文件第 2 行无法按 CSV 读取：带引号的单元格在结束引号之后还有文字。请重新另存为 CSV 后重试。");
  });

  it("says a cell that is not an amount, with a hint in the currency's precision, in the reader's language", () => {
    expect(notAnAmount("abc", "EUR")).toBe("“abc” is not an amount in EUR. Use an amount like 2.50.");
    expect(notAnAmount("1.5", "JPY", "zh-CN")).toBe("“1.5”不是以 JPY 计的金额。请输入类似 250 的金额。");
  });
});
