import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/server/auth";
import type { RequestSession } from "~/server/web";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor } from "~/test/factories";
import { createOrgFixture, type OrgFixture } from "~/test/org-procedures";
import { pdfPlainText } from "~/test/pdf-text";
import { GET as hostStatementCsvRoute } from "~/app/h/[org]/statements/[statementId]/csv/route";
import { GET as cashRoute } from "./cash/export.csv/route";
import { GET as statementCsvRoute } from "./hosts/statements/[statementId]/csv/route";
import { GET as statementPdfRoute } from "./hosts/statements/[statementId]/pdf/route";
import { GET as stickersRoute } from "./machines/stickers.pdf/route";
import { GET as pickListRoute } from "./routes/[routeId]/pick-list.csv/route";
import { GET as salesRoute } from "./sales/export.csv/route";
import { GET as statisticsCsvRoute } from "./statistics/export.csv/route";

// The download routes get this file's database and a signed-in user of the fixture, whose profile
// language (or, without one, whose browser's) the files follow.
const state = { user: null as SessionUser | null };
const session: RequestSession = { db: async () => t.db, user: async () => state.user };

let t: TestDatabase;
let f: OrgFixture;
beforeAll(async () => {
  t = await createTestDatabase();
  f = await createOrgFixture(t.db, "viewer");
});
afterAll(async () => {
  await t.drop();
});

const BOM = [0xef, 0xbb, 0xbf];
const request = (path: string, language?: string) => new Request(`http://localhost${path}`, language ? { headers: { "accept-language": language } } : {});
const org = () => ({ params: Promise.resolve({ org: f.orgId }) });
const statement = () => ({ params: Promise.resolve({ org: f.orgId, statementId: f.hostStatementId }) });

/** A CSV answer: its type, whether it starts with a byte order mark, and its header row. */
async function csv(response: Response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { status: response.status, type: response.headers.get("content-type"), bom: BOM.every((b, i) => bytes[i] === b), header: text.replace(/^\uFEFF/, "").split(/\r?\n/)[0] };
}

describe("downloads in the reader's language", () => {
  const chinese = () => ({ ...f.actor, locale: "zh-CN" as const });

  it("the sales CSV: a byte order mark and Chinese headers for a member who reads Chinese", async () => {
    state.user = chinese();
    const zh = await csv(await salesRoute(request(`/o/${f.orgId}/sales/export.csv`), org(), session));
    expect(zh).toMatchObject({ status: 200, type: "text/csv; charset=utf-8", bom: true });
    expect(zh.header).toMatch(/^当地时间,UTC 时间,销售编号,售货机,点位,货道,SKU,商品,状态/);
    // Without a profile language, the browser's.
    state.user = { ...f.actor, locale: null };
    expect((await csv(await salesRoute(request(`/o/${f.orgId}/sales/export.csv`, "zh-CN,zh;q=0.9"), org(), session))).header).toMatch(/^当地时间,/);
    const en = await csv(await salesRoute(request(`/o/${f.orgId}/sales/export.csv`, "en-GB"), org(), session));
    expect(en).toMatchObject({ bom: true, header: expect.stringMatching(/^occurred_at_local,occurred_at_utc,sale_id,machine/) });
  });

  it("the cash CSV and the pick list CSV", async () => {
    state.user = chinese();
    const cash = await csv(await cashRoute(request(`/o/${f.orgId}/cash/export.csv`), org(), session));
    expect(cash).toMatchObject({ status: 200, bom: true, header: expect.stringMatching(/^当地时间,UTC 时间,收款编号,售货机,点位,来源,运维人员,线路/) });
    expect(cash.header).toContain("应收,实点,差额,币种,备注");
    const pick = await pickListRoute(request(`/o/${f.orgId}/routes/${f.routeId}/pick-list.csv`), { params: Promise.resolve({ org: f.orgId, routeId: f.routeId }) }, session);
    expect(await csv(pick)).toMatchObject({ status: 200, type: "text/csv; charset=utf-8", bom: true, header: "商品,SKU,数量,售货机,货道,货道数量" });
  });

  it("a host statement as CSV and PDF, for the operator and for the host", async () => {
    state.user = chinese();
    expect(await csv(await statementCsvRoute(request("/"), statement(), session))).toMatchObject({ status: 200, bom: true, header: "分类,售货机,支付方式,件数,含税销售额,退款,增值税,净额,金额,说明,币种" });
    const pdf = await statementPdfRoute(request("/"), statement(), session);
    expect(pdfPlainText(Buffer.from(await pdf.arrayBuffer())).replace(/\s+/g, "")).toContain("场地方结算单：Mainstation");
    // Hosts see a statement once it is sent to them.
    await callerFor(t.db, f.owner).hosts.statements.approve({ orgId: f.orgId, statementId: f.hostStatementId });
    await callerFor(t.db, f.owner).hosts.statements.send({ orgId: f.orgId, statementId: f.hostStatementId });
    state.user = { id: f.hostUserId, email: "host@example.test", name: "Host", locale: null };
    const host = await csv(await hostStatementCsvRoute(request("/", "zh-CN"), statement(), session));
    expect(host).toMatchObject({ status: 200, bom: true, header: expect.stringMatching(/^分类,售货机/) });
  });

  it("QR stickers and a missing month's statistics", async () => {
    state.user = chinese();
    const stickers = await stickersRoute(request(`/o/${f.orgId}/machines/stickers.pdf`), org(), session);
    expect(stickers.status).toBe(200);
    expect(pdfPlainText(Buffer.from(await stickers.arrayBuffer()))).toContain("扫码支付");
    const none = await statisticsCsvRoute(request(`/o/${f.orgId}/statistics/export.csv?month=2001-01`), org(), session);
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({ error: "该月份没有统计数据。" });
  });
});
