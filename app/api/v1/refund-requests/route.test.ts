import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, refundRequests, refunds } from "~/db/schema";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { createMachineWithPlanogram } from "~/test/machines";
import { createPaymentsFixture } from "~/test/payments";
import { countRows } from "~/test/rows";
import { POST as approve } from "./[refundRequestId]/approve/route";
import { POST as decline } from "./[refundRequestId]/decline/route";
import { GET as getRequest } from "./[refundRequestId]/route";
import { GET as listRequests } from "./route";

const db = apiTestDatabase();

interface RequestBody {
  id: string;
  status: string;
  reason: string;
  decision_reason: string | null;
  decided_at: string | null;
  sale_id: string;
  machine_id: string;
  consumer_id: string;
  amount_minor: number;
  refund: { id: string; status: string } | null;
}
type Page = { data: RequestBody[]; next_cursor: string | null };

async function orgWithRequest() {
  const setup = await createMachineWithPlanogram(db().db);
  const fixture = await createPaymentsFixture(db().db, setup.org.id, setup.machine.id);
  const reader = await apiKeyFor(db().db, setup.owner, setup.org.id, ["refunds:read"]);
  const writer = await apiKeyFor(db().db, setup.owner, setup.org.id, ["refunds:read", "refunds:write"]);
  return { ...setup, fixture, reader, writer };
}

const decide = (handler: typeof approve, action: string, key: string, refundRequestId: string, body?: unknown, idempotencyKey?: string) =>
  callApi(handler, `/refund-requests/${refundRequestId}/${action}`, {
    key,
    method: "POST",
    params: { refundRequestId },
    body,
    headers: idempotencyKey ? { "idempotency-key": idempotencyKey } : {},
  });
const refundsOf = (saleId: string) => countRows(db().db, refunds, eq(refunds.saleId, saleId));

describe("GET /api/v1/refund-requests", () => {
  it("lists the key's org's requests with the consumer's id only, filters by status, and refuses bad input", async () => {
    const mine = await orgWithRequest();
    const theirs = await orgWithRequest();
    const page = await okJson<Page>(await callApi(listRequests, "/refund-requests?status=pending", { key: mine.reader }));
    expect(page.data).toEqual([
      expect.objectContaining({ id: mine.fixture.requestId, status: "pending", reason: "Nothing came out", machine_id: mine.machine.id, consumer_id: mine.fixture.consumer.id, amount_minor: 250, refund: null }),
    ]);
    expect(JSON.stringify(page)).not.toContain(mine.fixture.consumer.email);
    expect((await okJson<Page>(await callApi(listRequests, "/refund-requests?status=approved", { key: mine.reader }))).data).toEqual([]);
    expect((await okJson<Page>(await callApi(listRequests, "/refund-requests", { key: theirs.reader }))).data.map((r) => r.id)).toEqual([theirs.fixture.requestId]);
    expect((await expectProblem(await callApi(listRequests, "/refund-requests?status=declined", { key: mine.reader }), 400)).errors).toHaveProperty("status");
    const salesKey = await apiKeyFor(db().db, mine.owner, mine.org.id, ["sales:read"]);
    await expectProblem(await callApi(listRequests, "/refund-requests", { key: salesKey }), 403);
  });

  it("answers one request, and 404 for another org's", async () => {
    const mine = await orgWithRequest();
    const theirs = await orgWithRequest();
    const get = (key: string, refundRequestId: string) => callApi(getRequest, `/refund-requests/${refundRequestId}`, { key, params: { refundRequestId } });
    expect(await okJson<RequestBody>(await get(mine.reader, mine.fixture.requestId))).toMatchObject({ id: mine.fixture.requestId, sale_id: expect.any(String) });
    await expectProblem(await get(mine.reader, theirs.fixture.requestId), 404);
  });
});

describe("POST /api/v1/refund-requests/{id}/approve", () => {
  it("approves once with an Idempotency-Key: one refund, the same answer replayed; another body with that key is 422", async () => {
    const org = await orgWithRequest();
    const [request] = await db().db.select().from(refundRequests).where(eq(refundRequests.id, org.fixture.requestId));
    const first = await decide(approve, "approve", org.writer, org.fixture.requestId, { reason: "Machine logged a jam." }, "approve-1");
    const firstBody = await okJson<RequestBody>(first);
    expect(firstBody).toMatchObject({ id: org.fixture.requestId, status: "approved", decision_reason: "Machine logged a jam.", refund: { id: expect.any(String), status: "pending" } });
    const again = await decide(approve, "approve", org.writer, org.fixture.requestId, { reason: "Machine logged a jam." }, "approve-1");
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(firstBody);
    expect(await refundsOf(request!.saleId)).toBe(1);
    const [refund] = await db().db.select().from(refunds).where(eq(refunds.saleId, request!.saleId));
    expect(refund).toMatchObject({ id: firstBody.refund!.id, origin: "request", amountMinor: 250 });
    const audited = await db()
      .db.select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.action, "refund_request.approved")));
    expect(audited).toEqual([expect.objectContaining({ actorType: "api_key", targetId: org.fixture.requestId })]);

    await expectProblem(await decide(approve, "approve", org.writer, org.fixture.requestId, { reason: "Something else" }, "approve-1"), 422);
    expect(await refundsOf(request!.saleId)).toBe(1);
  });

  it("answers 409 for a request already decided (no key), 404 for another org's, 403 for a read-only key, 400 for a bad body", async () => {
    const org = await orgWithRequest();
    const theirs = await orgWithRequest();
    const [request] = await db().db.select().from(refundRequests).where(eq(refundRequests.id, org.fixture.requestId));

    await expectProblem(await decide(approve, "approve", org.reader, org.fixture.requestId), 403);
    expect((await expectProblem(await decide(approve, "approve", org.writer, org.fixture.requestId, { note: "x" }), 400)).errors).toBeDefined();
    await expectProblem(await decide(approve, "approve", org.writer, theirs.fixture.requestId), 404);
    const [still] = await db().db.select().from(refundRequests).where(eq(refundRequests.id, theirs.fixture.requestId));
    expect(still!.status).toBe("pending");

    expect(await okJson<RequestBody>(await decide(approve, "approve", org.writer, org.fixture.requestId))).toMatchObject({ status: "approved" });
    const conflict = await expectProblem(await decide(approve, "approve", org.writer, org.fixture.requestId), 409);
    expect(conflict.detail).toContain("approved");
    await expectProblem(await decide(decline, "decline", org.writer, org.fixture.requestId, { reason: "Too late now" }), 409);
    expect(await refundsOf(request!.saleId)).toBe(1);
  });
});

describe("POST /api/v1/refund-requests/{id}/decline", () => {
  it("declines with the reason the consumer reads, creates no refund, and needs a reason", async () => {
    const org = await orgWithRequest();
    const [request] = await db().db.select().from(refundRequests).where(eq(refundRequests.id, org.fixture.requestId));
    const short = await expectProblem(await decide(decline, "decline", org.writer, org.fixture.requestId, { reason: "no" }), 400);
    expect(short.errors).toHaveProperty("reason");
    await expectProblem(await decide(decline, "decline", org.writer, org.fixture.requestId, {}), 400);
    await expectProblem(await decide(decline, "decline", org.reader, org.fixture.requestId, { reason: "The machine logged a vend." }), 403);

    const body = await okJson<RequestBody>(await decide(decline, "decline", org.writer, org.fixture.requestId, { reason: "The machine logged a vend." }, "decline-1"));
    expect(body).toMatchObject({ status: "rejected", decision_reason: "The machine logged a vend.", decided_at: expect.any(String), refund: null });
    const replay = await decide(decline, "decline", org.writer, org.fixture.requestId, { reason: "The machine logged a vend." }, "decline-1");
    expect(await replay.json()).toEqual(body);
    expect(await refundsOf(request!.saleId)).toBe(0);
  });
});
