import { describe, expect, it } from "vitest";
import { scanSource } from "./scan";

const texts = (source: string, file = "x.tsx") => scanSource(file, source).map((f) => f.text);

describe("the hard-coded text scanner", () => {
  it("finds what a person reads: JSX text, human attributes, sentences in code and in templates", () => {
    expect(texts(`export const A = () => <p>Save changes</p>;`)).toEqual(["Save changes"]);
    expect(texts(`export const A = () => <input aria-label="Search machines" placeholder="Name" />;`)).toEqual(["Search machines", "Name"]);
    expect(texts(`export const A = (n: number) => <p>{n > 1 ? "Sold out" : null}</p>;`)).toEqual(["Sold out"]);
    expect(texts(`export const label = { online: "Online", offline: "Offline" };`, "x.ts")).toEqual(["Online", "Offline"]);
    expect(texts("export const f = (n: number) => `${n} machines are offline`;", "x.ts")).toEqual(["machines are offline"]);
  });

  it("leaves alone what only code reads: keys, classes, ids, URLs, header names, code samples", () => {
    expect(texts(`export const A = () => <div className="flex items-center" id="main" role="status">{t("machines.title")}</div>;`)).toEqual([]);
    expect(texts(`export const A = () => <Table headingId="orders" headingClassName="Title text" initialSort="Name" />;`)).toEqual([]);
    expect(texts(`if (status === "Online") x(); const u = "https://example.com/Path"; h.headers.get("Accept-Language");`, "x.ts")).toEqual([]);
    expect(texts(`import { Thing } from "Some Module";\ntype K = "Sold out";\nconst key = \`tier.\${k}.minPoints\`;`, "x.ts")).toEqual([]);
    expect(texts(`// i18n: code sample\nexport const code = "const secret = process.env.SECRET";`, "x.ts")).toEqual([]);
  });
});
