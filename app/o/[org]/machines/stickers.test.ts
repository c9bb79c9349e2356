import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/server/auth";
import type { RequestSession } from "~/server/web";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createOrg } from "~/test/factories";
import { createMachineWithPlanogram } from "~/test/machines";
import { pdfTexts } from "~/test/pdf-text";
import { GET as machineStickerRoute } from "./[machineId]/sticker.pdf/route";
import { GET as fleetStickersRoute } from "./stickers.pdf/route";

// The routes get this file's database and a signed-in user (the database itself is real).
const state = { user: null as SessionUser | null };
const session: RequestSession = { db: async () => t.db, user: async () => state.user };
const headers = { host: "vend.example.test", "x-forwarded-proto": "https" };

const machineSticker = (org: string, machineId: string) =>
  machineStickerRoute(new Request(`http://localhost/o/${org}/machines/${machineId}/sticker.pdf`, { headers }), { params: Promise.resolve({ org, machineId }) }, session);
const fleetStickers = (org: string) =>
  fleetStickersRoute(new Request(`http://localhost/o/${org}/machines/stickers.pdf`, { headers }), { params: Promise.resolve({ org }) }, session);

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function pdfOf(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pdf");
  const texts = pdfTexts(Buffer.from(await response.arrayBuffer()));
  return { texts, all: texts.map((x) => x.text), pages: new Set(texts.map((x) => x.page)).size };
}

describe("the QR sticker PDFs", () => {
  it("print one machine's sticker: its name, place, pay page and a Scan to pay line", async () => {
    const m = await createMachineWithPlanogram(t.db);
    state.user = await addMember(t.db, m.org.id, "viewer");
    const res = await machineSticker(m.org.slug, m.machine.id);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${m.org.slug}-sticker-${m.machine.id}.pdf"`);
    const { all, pages } = await pdfOf(res);
    expect(pages).toBe(1);
    expect(all).toEqual(expect.arrayContaining(["Scan to pay", "Station hall 1", "Main station", `vend.example.test/m/${m.machine.id}`, m.org.name]));
  });

  it("print the whole fleet six to a page", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const caller = callerFor(t.db, m.owner);
    for (let i = 1; i <= 6; i++) await caller.machines.register({ orgId: m.org.id, name: `Kiosk ${i}`, serial: `SN-K${i}-${m.org.id.slice(-6)}` });
    state.user = m.owner;
    const { texts, all, pages } = await pdfOf(await fleetStickers(m.org.id));
    expect(pages).toBe(2);
    expect(all.filter((x) => x === "Scan to pay")).toHaveLength(7);
    expect(all).toEqual(expect.arrayContaining(["Station hall 1", "Kiosk 1", "Kiosk 6"]));
    expect(texts.filter((x) => x.page === 2 && x.text === "Scan to pay")).toHaveLength(1);
  });

  it("answer 404 to another org's member, for a machine and through their own org alike", async () => {
    const a = await createMachineWithPlanogram(t.db);
    const b = await createOrg(t.db);
    state.user = b.owner;
    expect((await machineSticker(a.org.slug, a.machine.id)).status).toBe(404);
    expect((await fleetStickers(a.org.slug)).status).toBe(404);
    const res = await machineSticker(b.org.slug, a.machine.id);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(a.machine.id);
    // B has no machines of its own: nothing to print, and nothing of A's.
    expect(await (await fleetStickers(b.org.slug)).json()).toEqual({ error: "No machines to print stickers for: register a machine first." });
  });

  it("ask a signed-out visitor to sign in, and refuse unsafe text in the address", async () => {
    const m = await createMachineWithPlanogram(t.db);
    state.user = null;
    expect((await machineSticker(m.org.slug, m.machine.id)).status).toBe(401);
    state.user = m.owner;
    expect((await machineSticker(m.org.slug, "mch_\u0000")).status).toBe(400);
  });
});
