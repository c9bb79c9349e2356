import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, locations } from "~/db/schema";
import { createLocation } from "~/server/fleet";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { callerFor, createOrg } from "~/test/factories";
import { asOwner } from "~/test/machines";
import { GET as getLocation, PATCH as patchLocation } from "./[locationId]/route";
import { GET as listLocations, POST as postLocation } from "./route";

const db = apiTestDatabase();

interface LocationBody {
  id: string;
  name: string;
  address: string;
  kind: string;
  latitude: number | null;
  longitude: number | null;
  created_at: string;
}
type Page = { data: LocationBody[]; next_cursor: string | null };

const list = (key: string, query = "") => callApi(listLocations, `/locations${query}`, { key });
const one = (key: string, locationId: string) => callApi(getLocation, `/locations/${locationId}`, { key, params: { locationId } });
const create = (key: string, body: unknown, headers: Record<string, string> = {}) => callApi(postLocation, "/locations", { key, method: "POST", body, headers });
const patch = (key: string, locationId: string, body: unknown, headers: Record<string, string> = {}) =>
  callApi(patchLocation, `/locations/${locationId}`, { key, method: "PATCH", params: { locationId }, body, headers });

/** An org with `count` locations made through the fleet domain, and a way to make keys. */
async function orgWithLocations(count: number) {
  const { org, owner } = await createOrg(db().db);
  const made = [];
  for (let i = 0; i < count; i++) made.push(await asOwner(db().db, org.id, owner.id, (ctx) => createLocation(ctx, { name: `Place ${i}`, kind: "office" })));
  const key = (...scopes: Parameters<typeof apiKeyFor>[3]) => apiKeyFor(db().db, owner, org.id, scopes);
  return { org, owner, locations: made, key };
}

const rowsOf = (orgId: string) => db().db.select().from(locations).where(eq(locations.orgId, orgId));

describe("GET /api/v1/locations", () => {
  it("pages through the key's org's locations only and refuses a bad cursor with 400", async () => {
    const mine = await orgWithLocations(3);
    await orgWithLocations(2);
    const key = await mine.key("locations:read");
    const page1 = await okJson<Page>(await list(key, "?limit=2"));
    expect(page1.data).toHaveLength(2);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = await okJson<Page>(await list(key, `?limit=2&cursor=${encodeURIComponent(page1.next_cursor!)}`));
    expect(page2.next_cursor).toBeNull();
    expect([...page1.data, ...page2.data].map((l) => l.id).sort()).toEqual(mine.locations.map((l) => l.id).sort());
    expect(page1.data[0]).toEqual({ id: mine.locations[0]!.id, name: "Place 0", address: "", kind: "office", latitude: null, longitude: null, created_at: expect.any(String) });
    const bad = await expectProblem(await list(key, "?cursor=garbage"), 400);
    expect(bad.errors).toHaveProperty("cursor");
  });

  it("refuses a key without locations:read with 403", async () => {
    const { key } = await orgWithLocations(0);
    const body = await expectProblem(await list(await key("machines:read")), 403);
    expect(body.detail).toContain("locations:read");
  });
});

describe("GET /api/v1/locations/{id}", () => {
  it("answers the org's location, 404 for another org's and 400 for a malformed id", async () => {
    const mine = await orgWithLocations(1);
    const theirs = await orgWithLocations(1);
    const key = await mine.key("locations:read");
    expect(await okJson<LocationBody>(await one(key, mine.locations[0]!.id))).toMatchObject({ id: mine.locations[0]!.id, name: "Place 0" });
    const missing = await expectProblem(await one(key, theirs.locations[0]!.id), 404);
    expect(JSON.stringify(missing)).not.toContain("Place 0");
    const malformed = await expectProblem(await one(key, "loc_\u0000"), 400);
    expect(malformed.errors).toHaveProperty("location_id");
  });
});

describe("POST /api/v1/locations", () => {
  it("creates a location (201) in the key's org, in the audit log with the key as the actor", async () => {
    const { org, owner } = await orgWithLocations(0);
    const { key, apiKey } = await callerFor(db().db, owner).apiKeys.create({ orgId: org.id, name: "Sync", scopes: ["locations:write"] });
    const response = await create(key, { name: "Central station", address: "Europaplatz 1", kind: "station", latitude: 52.525, longitude: 13.3694 });
    expect(response.status).toBe(201);
    const body = (await response.json()) as LocationBody;
    expect(body).toMatchObject({ name: "Central station", address: "Europaplatz 1", kind: "station", latitude: 52.525, longitude: 13.3694 });
    expect((await rowsOf(org.id)).map((l) => l.id)).toEqual([body.id]);
    // The app's list (the locations page) shows it.
    expect((await callerFor(db().db, owner).locations.list({ orgId: org.id })).map((l) => l.name)).toEqual(["Central station"]);
    const audit = await db()
      .db.select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "location.created")));
    expect(audit).toEqual([expect.objectContaining({ actorType: "api_key", actorId: apiKey.id, targetId: body.id })]);
  });

  it("refuses invalid input with 400 and errors per field, and a read-only key with 403", async () => {
    const { org, key } = await orgWithLocations(0);
    const writer = await key("locations:write");
    const noName = await expectProblem(await create(writer, { kind: "castle" }), 400);
    expect(noName.errors).toMatchObject({ name: expect.any(Array), kind: expect.any(Array) });
    const half = await expectProblem(await create(writer, { name: "Half", latitude: 52.5 }), 400);
    expect(half.errors).toEqual({ longitude: ["Enter the longitude too, or clear the latitude."] });
    expect((await expectProblem(await create(writer, { name: "X", machine_count: 3 }), 400)).errors).toBeDefined();
    await expectProblem(await create(await key("locations:read"), { name: "Nope" }), 403);
    expect(await rowsOf(org.id)).toEqual([]);
  });

  it("creates one location for one Idempotency-Key, replays the answer, and refuses the key with another body (422)", async () => {
    const { org, key } = await orgWithLocations(0);
    const writer = await key("locations:write");
    const first = await create(writer, { name: "Once" }, { "idempotency-key": "loc-create-1" });
    const again = await create(writer, { name: "Once" }, { "idempotency-key": "loc-create-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await rowsOf(org.id)).toHaveLength(1);
    await expectProblem(await create(writer, { name: "Twice" }, { "idempotency-key": "loc-create-1" }), 422);
    expect(await rowsOf(org.id)).toHaveLength(1);
  });
});

describe("PATCH /api/v1/locations/{id}", () => {
  it("changes the fields sent with a matching If-Match, refuses a stale one with 412 and changes nothing", async () => {
    const { locations: [place], key } = await orgWithLocations(1);
    const reader = await key("locations:read", "locations:write");
    const read = await one(reader, place!.id);
    const etag = read.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    const changed = await patch(reader, place!.id, { address: "Hauptstr. 5", latitude: 48.1, longitude: 11.5 }, { "if-match": etag });
    expect(await okJson<LocationBody>(changed)).toMatchObject({ name: "Place 0", address: "Hauptstr. 5", latitude: 48.1, longitude: 11.5, kind: "office" });
    // The ETag read before the change is stale now.
    const stale = await expectProblem(await patch(reader, place!.id, { name: "Renamed" }, { "if-match": etag }), 412);
    expect(stale.current_etag).toBe(changed.headers.get("etag"));
    expect(await okJson<LocationBody>(await one(reader, place!.id))).toMatchObject({ name: "Place 0", address: "Hauptstr. 5" });
    // Coordinates clear together.
    expect(await okJson<LocationBody>(await patch(reader, place!.id, { latitude: null, longitude: null }))).toMatchObject({ latitude: null, longitude: null });
    const half = await expectProblem(await patch(reader, place!.id, { latitude: 10 }), 400);
    expect(half.errors).toHaveProperty("longitude");
  });

  it("answers 404 for another org's location and 403 for a read-only key", async () => {
    const mine = await orgWithLocations(1);
    const theirs = await orgWithLocations(1);
    await expectProblem(await patch(await mine.key("locations:write"), theirs.locations[0]!.id, { name: "Taken over" }), 404);
    await expectProblem(await patch(await mine.key("locations:read"), mine.locations[0]!.id, { name: "Nope" }), 403);
    const [row] = await db().db.select().from(locations).where(eq(locations.id, theirs.locations[0]!.id));
    expect(row!.name).toBe("Place 0");
  });
});
