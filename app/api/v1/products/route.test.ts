import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, products } from "~/db/schema";
import { createProduct } from "~/server/catalog";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { callerFor, createOrg } from "~/test/factories";
import { asOwner } from "~/test/machines";
import { GET as getProduct, PATCH as patchProduct } from "./[productId]/route";
import { POST as postPriceChange } from "./price-changes/route";
import { GET as listProducts, POST as postProduct } from "./route";

const db = apiTestDatabase();

interface ProductBody {
  id: string;
  sku: string;
  name: string;
  category: string;
  price_minor: number;
  cost_minor: number;
  currency: string;
  vat_rate_bp: number | null;
  image_url: string | null;
  active: boolean;
  created_at: string;
}
type Page = { data: ProductBody[]; next_cursor: string | null };

const list = (key: string, query = "") => callApi(listProducts, `/products${query}`, { key });
const one = (key: string, productId: string) => callApi(getProduct, `/products/${productId}`, { key, params: { productId } });
const create = (key: string, body: unknown, headers: Record<string, string> = {}) => callApi(postProduct, "/products", { key, method: "POST", body, headers });
const patch = (key: string, productId: string, body: unknown, headers: Record<string, string> = {}) =>
  callApi(patchProduct, `/products/${productId}`, { key, method: "PATCH", params: { productId }, body, headers });
const changePrices = (key: string, body: unknown, headers: Record<string, string> = {}) =>
  callApi(postPriceChange, "/products/price-changes", { key, method: "POST", body, headers });

/** An org with a cola and water (Drinks) and an inactive bar (Snacks), made through the catalog domain. */
async function orgWithProducts() {
  const { org, owner } = await createOrg(db().db);
  const made = await asOwner(db().db, org.id, owner.id, async (ctx) => ({
    cola: await createProduct(ctx, { sku: "COLA", name: "Cola", category: "Drinks", priceMinor: 250, costMinor: 90 }),
    water: await createProduct(ctx, { sku: "WATER", name: "Water", category: "Drinks", priceMinor: 150 }),
    bar: await createProduct(ctx, { sku: "BAR", name: "Bar", category: "Snacks", priceMinor: 180, active: false }),
  }));
  const key = (...scopes: Parameters<typeof apiKeyFor>[3]) => apiKeyFor(db().db, owner, org.id, scopes);
  return { org, owner, products: made, key };
}

const rowsOf = (orgId: string) => db().db.select().from(products).where(eq(products.orgId, orgId));

describe("GET /api/v1/products", () => {
  it("pages through the key's org's products only, filtered by category and active", async () => {
    const mine = await orgWithProducts();
    await orgWithProducts();
    const key = await mine.key("products:read");
    const page1 = await okJson<Page>(await list(key, "?limit=2"));
    const page2 = await okJson<Page>(await list(key, `?limit=2&cursor=${encodeURIComponent(page1.next_cursor!)}`));
    expect(page2.next_cursor).toBeNull();
    const all = [...page1.data, ...page2.data];
    expect(all.map((p) => p.id).sort()).toEqual(Object.values(mine.products).map((p) => p.id).sort());
    expect(all.find((p) => p.sku === "COLA")).toEqual({
      id: mine.products.cola.id,
      sku: "COLA",
      name: "Cola",
      category: "Drinks",
      price_minor: 250,
      cost_minor: 90,
      currency: mine.org.currency,
      vat_rate_bp: null,
      image_url: null,
      active: true,
      created_at: expect.any(String),
    });
    const drinks = await okJson<Page>(await list(key, "?category=Drinks"));
    expect(drinks.data.map((p) => p.sku).sort()).toEqual(["COLA", "WATER"]);
    expect((await okJson<Page>(await list(key, "?active=false"))).data.map((p) => p.sku)).toEqual(["BAR"]);
    expect((await okJson<Page>(await list(key, "?active=true&category=Snacks"))).data).toEqual([]);
    const bad = await expectProblem(await list(key, "?active=maybe"), 400);
    expect(bad.errors).toHaveProperty("active");
    await expectProblem(await list(await mine.key("locations:read")), 403);
  });
});

describe("GET /api/v1/products/{id}", () => {
  it("answers the org's product and 404 for another org's", async () => {
    const mine = await orgWithProducts();
    const theirs = await orgWithProducts();
    const key = await mine.key("products:read");
    expect(await okJson<ProductBody>(await one(key, mine.products.water.id))).toMatchObject({ sku: "WATER", price_minor: 150 });
    await expectProblem(await one(key, theirs.products.water.id), 404);
    await expectProblem(await one(key, "p".repeat(65)), 400);
  });
});

describe("POST /api/v1/products", () => {
  it("creates a product (201) in the audit log with the key as the actor; a taken SKU is 409", async () => {
    const { org, owner } = await orgWithProducts();
    const { key, apiKey } = await callerFor(db().db, owner).apiKeys.create({ orgId: org.id, name: "ERP", scopes: ["products:write"] });
    const response = await create(key, { sku: "TEA-05", name: "Iced tea", category: "Drinks", price_minor: 220, cost_minor: 80, vat_rate_bp: 700 });
    expect(response.status).toBe(201);
    const body = (await response.json()) as ProductBody;
    expect(body).toMatchObject({ sku: "TEA-05", name: "Iced tea", price_minor: 220, cost_minor: 80, vat_rate_bp: 700, active: true, currency: org.currency });
    // The app's product list shows it.
    expect((await callerFor(db().db, owner).products.list({ orgId: org.id })).find((p) => p.id === body.id)).toMatchObject({ priceMinor: 220, vatRateBp: 700 });
    const audit = await db()
      .db.select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "product.created"), eq(auditLog.targetId, body.id)));
    expect(audit).toEqual([expect.objectContaining({ actorType: "api_key", actorId: apiKey.id })]);
    const taken = await expectProblem(await create(key, { sku: "COLA", name: "Another cola", price_minor: 100 }), 409);
    expect(taken.errors).toEqual({ sku: [expect.any(String)] });
  });

  it("refuses invalid input with 400 and errors per field, and a read-only key with 403", async () => {
    const { org, key } = await orgWithProducts();
    const writer = await key("products:write");
    const bad = await expectProblem(await create(writer, { sku: "bad sku!", name: "", price_minor: -1, vat_rate_bp: 20000 }), 400);
    expect(Object.keys(bad.errors as object).sort()).toEqual(["name", "price_minor", "sku", "vat_rate_bp"]);
    await expectProblem(await create(writer, { sku: "A", name: "A", price_minor: 1.5 }), 400);
    await expectProblem(await create(await key("products:read"), { sku: "NEW", name: "New", price_minor: 100 }), 403);
    expect(await rowsOf(org.id)).toHaveLength(3);
  });

  it("creates one product for one Idempotency-Key and replays the answer; another body with the key is 422", async () => {
    const { org, key } = await orgWithProducts();
    const writer = await key("products:write");
    const body = { sku: "ONCE", name: "Once", price_minor: 100 };
    const first = await create(writer, body, { "idempotency-key": "prd-1" });
    const again = await create(writer, body, { "idempotency-key": "prd-1" });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    await expectProblem(await create(writer, { ...body, price_minor: 120 }, { "idempotency-key": "prd-1" }), 422);
    expect((await rowsOf(org.id)).filter((p) => p.sku === "ONCE")).toHaveLength(1);
  });
});

describe("PATCH /api/v1/products/{id}", () => {
  it("changes the fields sent with a matching If-Match; a stale If-Match is 412 and changes nothing", async () => {
    const { org, owner, products: made, key } = await orgWithProducts();
    const rw = await key("products:read", "products:write");
    const etag = (await one(rw, made.cola.id)).headers.get("etag")!;
    const changed = await okJson<ProductBody>(await patch(rw, made.cola.id, { price_minor: 270, vat_rate_bp: 1900 }, { "if-match": etag }));
    expect(changed).toMatchObject({ sku: "COLA", name: "Cola", category: "Drinks", price_minor: 270, cost_minor: 90, vat_rate_bp: 1900 });
    await expectProblem(await patch(rw, made.cola.id, { price_minor: 1 }, { "if-match": etag }), 412);
    expect((await callerFor(db().db, owner).products.list({ orgId: org.id })).find((p) => p.id === made.cola.id)).toMatchObject({ priceMinor: 270, vatRateBp: 1900 });
    // vat_rate_bp null goes back to the org's default; fields not sent stay.
    expect(await okJson<ProductBody>(await patch(rw, made.cola.id, { vat_rate_bp: null, active: false }))).toMatchObject({ vat_rate_bp: null, active: false, price_minor: 270 });
    const bad = await expectProblem(await patch(rw, made.cola.id, { price_minor: "free" }), 400);
    expect(bad.errors).toHaveProperty("price_minor");
    await expectProblem(await patch(rw, made.cola.id, { sku: "WATER" }), 409);
  });

  it("answers 404 for another org's product and 403 for a read-only key", async () => {
    const mine = await orgWithProducts();
    const theirs = await orgWithProducts();
    await expectProblem(await patch(await mine.key("products:write"), theirs.products.cola.id, { price_minor: 1 }), 404);
    await expectProblem(await patch(await mine.key("products:read"), mine.products.cola.id, { price_minor: 1 }), 403);
    const [row] = await db().db.select().from(products).where(eq(products.id, theirs.products.cola.id));
    expect(row!.priceMinor).toBe(250);
  });
});

describe("POST /api/v1/products/price-changes", () => {
  it("changes the prices of several products at once, audited per product with the key as the actor", async () => {
    const { org, owner, products: made } = await orgWithProducts();
    const { key, apiKey } = await callerFor(db().db, owner).apiKeys.create({ orgId: org.id, name: "Pricing", scopes: ["products:write"] });
    const body = {
      products: [
        { product_id: made.cola.id, price_minor: 250 },
        { product_id: made.water.id, price_minor: 150 },
      ],
      change: { kind: "percent", percent: 10 },
    };
    const result = await okJson<{ changed: number; unchanged: number; data: ProductBody[] }>(await changePrices(key, body, { "idempotency-key": "raise-10" }));
    expect(result).toMatchObject({ changed: 2, unchanged: 0 });
    expect(result.data.map((p) => [p.id, p.price_minor])).toEqual([
      [made.cola.id, 275],
      [made.water.id, 165],
    ]);
    // The same request again (same Idempotency-Key) is replayed, not applied twice.
    const replay = await changePrices(key, body, { "idempotency-key": "raise-10" });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    // Sent again without a key, the products are already at their new prices: left alone.
    expect(await okJson<{ changed: number; unchanged: number }>(await changePrices(key, body))).toMatchObject({ changed: 0, unchanged: 2 });
    // A price read before someone else changed it is refused with 409 and nothing changes.
    const moved = { products: [{ product_id: made.water.id, price_minor: 165 }, { product_id: made.cola.id, price_minor: 240 }], change: { kind: "set", price_minor: 199 } };
    await expectProblem(await changePrices(key, moved), 409);
    // Without the price read, the change applies to the price as it is now.
    const unseen = await okJson<{ changed: number; data: ProductBody[] }>(await changePrices(key, { products: [{ product_id: made.bar.id }], change: { kind: "amount", amount_minor: 20 } }));
    expect(unseen).toMatchObject({ changed: 1, data: [{ id: made.bar.id, price_minor: 200 }] });
    const prices = (await callerFor(db().db, owner).products.list({ orgId: org.id })).map((p) => [p.sku, p.priceMinor]);
    expect(prices).toEqual(expect.arrayContaining([["COLA", 275], ["WATER", 165], ["BAR", 200]]));
    const audit = await db()
      .db.select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "product.updated")));
    expect(audit).toHaveLength(3);
    expect(audit.every((e) => e.actorType === "api_key" && e.actorId === apiKey.id)).toBe(true);
    expect(audit.find((e) => e.targetId === made.cola.id)!.data).toEqual({ priceMinor: { from: 250, to: 275 } });
  });

  it("refuses invalid changes (400), another org's product (404) and a read-only key (403)", async () => {
    const mine = await orgWithProducts();
    const theirs = await orgWithProducts();
    const writer = await mine.key("products:write");
    const zero = await expectProblem(await changePrices(writer, { products: [{ product_id: mine.products.cola.id, price_minor: 250 }], change: { kind: "amount", amount_minor: 0 } }), 400);
    expect(zero.errors).toHaveProperty(["change.amount_minor"]);
    await expectProblem(await changePrices(writer, { products: [], change: { kind: "set", price_minor: 1 } }), 400);
    await expectProblem(await changePrices(writer, { products: [{ product_id: mine.products.cola.id, price_minor: 250 }], change: { kind: "amount", amount_minor: -300 } }), 400);
    await expectProblem(await changePrices(writer, { products: [{ product_id: theirs.products.cola.id, price_minor: 250 }], change: { kind: "set", price_minor: 1 } }), 404);
    await expectProblem(await changePrices(await mine.key("products:read"), { products: [{ product_id: mine.products.cola.id, price_minor: 250 }], change: { kind: "set", price_minor: 1 } }), 403);
    const [theirCola] = await db().db.select().from(products).where(eq(products.id, theirs.products.cola.id));
    const [myCola] = await db().db.select().from(products).where(eq(products.id, mine.products.cola.id));
    expect([theirCola!.priceMinor, myCola!.priceMinor]).toEqual([250, 250]);
  });
});
