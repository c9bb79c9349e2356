import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, hostMembers, locations, machines, memberships, organizations, products, sales, users } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { verifyCredentials } from "~/server/auth";
import { credentialsPath, readCredentialsFile } from "~/sim/credentials";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { demoVending } from "./demo-vending";
import { seedDemo, type DemoSeedOptions } from "./seed";
import { shanghaiDemo } from "./shanghai-demo";

let t: TestDatabase;
let dataDir: string;
const password = "demo-password-for-tests";
// A week, so the three office machines always have five working days of sales, whatever today is.
const options = (): DemoSeedOptions => ({ operator: shanghaiDemo, dataDir, machines: 3, historyDays: 7, log: () => {} });
const chinese = /\p{Script=Han}/u;

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), "vendops-shanghai-demo-"));
});
afterAll(async () => {
  await t.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

type OrgTable = typeof products | typeof locations | typeof machines | typeof sales | typeof auditLog | typeof memberships;
const count = async (table: OrgTable, orgId: string) => Number((await t.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.orgId, orgId)))[0]!.n);
const counts = (orgId: string) => Promise.all([products, locations, machines, sales, auditLog, memberships].map((table) => count(table, orgId)));

describe("the Shanghai demo seed", () => {
  it("seeds 上海便利售货 in Shanghai's time zone and yuan, with a Chinese catalog and history paid mostly by WeChat Pay and Alipay", async () => {
    const result = await seedDemo(t.db, password, options());
    expect(result).toMatchObject({ created: true, email: "owner@shanghai-demo.example", fleet: { changed: true, machines: 3, rejected: 0 } });
    const [org] = await t.db.select().from(organizations).where(eq(organizations.id, result.orgId));
    expect(org).toMatchObject({ slug: "shanghai-demo", name: "上海便利售货", timeZone: "Asia/Shanghai", currency: "CNY", legalName: "上海便利售货有限公司", defaultVatRateBp: 1300 });

    const catalog = await t.db.select().from(products).where(eq(products.orgId, result.orgId));
    expect(catalog).toHaveLength(shanghaiDemo.products.length);
    for (const p of catalog) {
      expect(p.name).toMatch(chinese);
      expect(p.category).toMatch(chinese);
    }
    const places = await t.db.select().from(locations).where(eq(locations.orgId, result.orgId));
    expect(places.map((p) => p.name)).toEqual(["陆家嘴金融中心 办公楼 大堂"]);
    expect(places[0]).toMatchObject({ latitude: expect.closeTo(31.24, 1), longitude: expect.closeTo(121.5, 1) });

    // The machines' traffic model carries the operator's payment mix, for the simulator and `npm run sim` too.
    const saved = readCredentialsFile(credentialsPath(dataDir, shanghaiDemo.credentialsFile));
    expect(saved.organization).toEqual({ name: "上海便利售货", slug: "shanghai-demo", timeZone: "Asia/Shanghai", currency: "CNY" });
    expect(saved.machines.map((m) => m.name)).toEqual(["陆家嘴 饮料机", "陆家嘴 综合机", "陆家嘴 鲜食柜"]);
    expect(saved.machines.every((m) => m.spec.payments?.wechat_pay === 56)).toBe(true);

    const mix = await t.db
      .select({ method: sales.paymentMethod, n: sql<number>`count(*)::int` })
      .from(sales)
      .where(and(eq(sales.orgId, result.orgId), eq(sales.status, "succeeded")))
      .groupBy(sales.paymentMethod);
    const by = Object.fromEntries(mix.map((m) => [m.method, Number(m.n)]));
    const total = Object.values(by).reduce((a, n) => a + n, 0);
    expect(total).toBeGreaterThan(150);
    expect(((by.wechat_pay ?? 0) + (by.alipay ?? 0)) / total).toBeGreaterThan(0.8);
    expect(by.wechat_pay).toBeGreaterThan(by.alipay ?? 0);
    expect(by.cash).toBeGreaterThan(0);
    const [other] = await t.db.select({ n: sql<number>`count(*)::int` }).from(sales).where(and(eq(sales.orgId, result.orgId), sql`${sales.currency} <> 'CNY'`));
    expect(Number(other!.n)).toBe(0);
  });

  it("gives its people memberships, the demo password and Chinese as their language, and its host one place", async () => {
    const { orgId } = await seedDemo(t.db, password, { ...options(), fleet: false });
    const people = await t.db
      .select({ email: users.email, name: users.name, locale: users.locale, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, orgId))
      .orderBy(users.email);
    expect(people.map((p) => `${p.role} ${p.email}`)).toEqual([
      "manager manager@shanghai-demo.example",
      "owner owner@shanghai-demo.example",
      "technician technician@shanghai-demo.example",
      "viewer viewer@shanghai-demo.example",
    ]);
    expect(people.find((p) => p.role === "owner")!.name).toBe("张伟");
    // Each signs in with the demo password, and the session speaks Chinese.
    for (const p of people) {
      expect(p.locale).toBe("zh-CN");
      expect(await verifyCredentials(t.db, { email: p.email, password, ip: null })).toMatchObject({ email: p.email, locale: "zh-CN" });
    }
    const hosted = await t.db
      .select({ email: users.email, locale: users.locale, place: locations.name })
      .from(hostMembers)
      .innerJoin(users, eq(users.id, hostMembers.userId))
      .innerJoin(locations, eq(locations.id, hostMembers.locationId))
      .where(eq(hostMembers.orgId, orgId));
    expect(hosted).toEqual([{ email: "host@shanghai-demo.example", locale: "zh-CN", place: "陆家嘴金融中心 办公楼 大堂" }]);
  });

  it("changes nothing when run again", async () => {
    const { orgId } = await seedDemo(t.db, password, { ...options(), fleet: false });
    const before = await counts(orgId);
    const secrets = readCredentialsFile(credentialsPath(dataDir, shanghaiDemo.credentialsFile)).machines.map((m) => m.secret);
    const again = await seedDemo(t.db, password, options());
    expect(again).toMatchObject({ orgId, created: false, fleet: { changed: false, machines: 3, events: 0 } });
    expect(await counts(orgId)).toEqual(before);
    expect(readCredentialsFile(credentialsPath(dataDir, shanghaiDemo.credentialsFile)).machines.map((m) => m.secret)).toEqual(secrets);
    expect(await t.db.select().from(organizations).where(eq(organizations.slug, "shanghai-demo"))).toHaveLength(1);
  });

  it("shares no rows, people or credentials file with Demo Vending", async () => {
    const shanghai = (await seedDemo(t.db, password, { ...options(), fleet: false })).orgId;
    const shanghaiCounts = await counts(shanghai);
    const berlin = (await seedDemo(t.db, password, { dataDir, machines: 1, historyDays: 1, log: () => {} })).orgId;
    expect(berlin).not.toBe(shanghai);
    // Seeding Demo Vending left the Shanghai operator as it was, and wrote a file of its own.
    expect(await counts(shanghai)).toEqual(shanghaiCounts);
    expect(readCredentialsFile(credentialsPath(dataDir)).organization.slug).toBe(demoVending.org.slug);
    expect(existsSync(credentialsPath(dataDir, shanghaiDemo.credentialsFile))).toBe(true);

    const members = await t.db.select({ orgId: memberships.orgId, userId: memberships.userId }).from(memberships).where(inArray(memberships.orgId, [shanghai, berlin]));
    const of = (orgId: string) => new Set(members.filter((m) => m.orgId === orgId).map((m) => m.userId));
    expect([...of(shanghai)].filter((id) => of(berlin).has(id))).toEqual([]);
    const skus = async (orgId: string) => new Set((await t.db.select({ sku: products.sku }).from(products).where(eq(products.orgId, orgId))).map((p) => p.sku));
    const [cn, de] = [await skus(shanghai), await skus(berlin)];
    expect([...cn].filter((s) => de.has(s))).toEqual([]);

    // Row-level security: inside the Shanghai org's transaction, Demo Vending's rows do not exist.
    const seen = await withTenant(t.db, { orgId: shanghai }, async (tx) => ({
      products: await tx.select({ orgId: products.orgId }).from(products),
      machines: await tx.select({ orgId: machines.orgId }).from(machines),
      sales: await tx.select({ orgId: sales.orgId }).from(sales),
    }));
    for (const rows of Object.values(seen)) {
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.orgId === shanghai)).toBe(true);
    }
  });
});
