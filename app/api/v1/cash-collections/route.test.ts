import { describe, expect, it } from "vitest";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { createMachineWithPlanogram, eventId, sendEvents, vend } from "~/test/machines";
import { GET as getCollection } from "./[collectionId]/route";
import { GET as listCollections } from "./route";

const db = apiTestDatabase();

interface CollectionBody {
  id: string;
  machine_id: string;
  source: string;
  occurred_at: string;
  reported_minor: number | null;
  counted_minor: number;
  expected_minor: number | null;
  variance_minor: number | null;
  currency: string;
}
type Page = { data: CollectionBody[]; next_cursor: string | null };

const list = (key: string, query = "") => callApi(listCollections, `/cash-collections${query}`, { key });
const one = (key: string, collectionId: string) => callApi(getCollection, `/cash-collections/${collectionId}`, { key, params: { collectionId } });

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
const collected = (amountMinor: number, at: Date) => ({ id: eventId(), type: "cash.collected", occurredAt: at.toISOString(), data: { amountMinor, currency: "EUR" } });

/** A machine that sold two cash vends of 2.50, then reported emptying its box three times. */
async function orgWithCollections() {
  const made = await createMachineWithPlanogram(db().db);
  const sent = await sendEvents(db().db, made.machine.id, made.secret, {
    events: [
      vend("A1", { method: "cash", at: hoursAgo(5) }),
      vend("A1", { method: "cash", at: hoursAgo(5) }),
      collected(450, hoursAgo(4)),
      collected(0, hoursAgo(3)),
      collected(0, hoursAgo(2)),
    ],
  });
  expect(sent.status).toBe(200);
  const key = (...scopes: Parameters<typeof apiKeyFor>[3]) => apiKeyFor(db().db, made.owner, made.org.id, scopes);
  return { ...made, key };
}

describe("GET /api/v1/cash-collections", () => {
  it("pages through the org's collections newest first with expected, counted and variance", async () => {
    const mine = await orgWithCollections();
    await orgWithCollections();
    const key = await mine.key("cash:read");
    const page1 = await okJson<Page>(await list(key, "?limit=2"));
    expect(page1.data).toHaveLength(2);
    const page2 = await okJson<Page>(await list(key, `?limit=2&cursor=${encodeURIComponent(page1.next_cursor!)}`));
    expect(page2.next_cursor).toBeNull();
    const all = [...page1.data, ...page2.data];
    expect(all).toHaveLength(3);
    expect(all.map((c) => c.occurred_at)).toEqual([...all.map((c) => c.occurred_at)].sort().reverse());
    expect(all.every((c) => c.machine_id === mine.machine.id)).toBe(true);
    expect(all.at(-1)).toMatchObject({ source: "machine", reported_minor: 450, counted_minor: 450, expected_minor: 500, variance_minor: -50, currency: "EUR" });
  });

  it("filters by machine and time range; another org's key sees none; bad input is 400", async () => {
    const mine = await orgWithCollections();
    const theirs = await orgWithCollections();
    const key = await mine.key("cash:read");
    const ranged = await okJson<Page>(await list(key, `?from=${hoursAgo(4.5).toISOString()}&to=${hoursAgo(2.5).toISOString()}`));
    expect(ranged.data.map((c) => c.counted_minor)).toEqual([0, 450]);
    expect((await okJson<Page>(await list(key, `?machine_id=${theirs.machine.id}`))).data).toEqual([]);
    const theirKey = await theirs.key("cash:read");
    const theirList = await okJson<Page>(await list(theirKey));
    expect(theirList.data.every((c) => c.machine_id === theirs.machine.id)).toBe(true);

    const backwards = await expectProblem(await list(key, `?from=${hoursAgo(1).toISOString()}&to=${hoursAgo(2).toISOString()}`), 400);
    expect(backwards.errors).toHaveProperty("to");
    expect((await expectProblem(await list(key, "?from=yesterday"), 400)).errors).toHaveProperty("from");
    expect((await expectProblem(await list(key, "?limit=500"), 400)).errors).toHaveProperty("limit");
  });

  it("refuses a key without cash:read with 403", async () => {
    const { key } = await orgWithCollections();
    expect((await expectProblem(await list(await key("alerts:read")), 403)).detail).toContain("cash:read");
  });
});

describe("GET /api/v1/cash-collections/{id}", () => {
  it("answers the org's collection, 404 for another org's, 400 for a malformed id", async () => {
    const mine = await orgWithCollections();
    const theirs = await orgWithCollections();
    const key = await mine.key("cash:read");
    const [first] = (await okJson<Page>(await list(key, "?limit=1"))).data;
    expect(await okJson<CollectionBody>(await one(key, first!.id))).toEqual(first);
    const [theirFirst] = (await okJson<Page>(await list(await theirs.key("cash:read"), "?limit=1"))).data;
    await expectProblem(await one(key, theirFirst!.id), 404);
    expect((await expectProblem(await one(key, "a b"), 400)).errors).toHaveProperty("collection_id");
  });
});
