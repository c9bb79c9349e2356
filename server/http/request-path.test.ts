import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathProblem, rawPathOf, refuseInvalidPaths } from "./request-path";

// Each made Next.js answer 500: it could not decode the segment, or the decoded NUL reached Postgres.
const refused = ["/o/%/alerts", "/m/%E0%A4%A", "/invite/%ED%A0%80", "/api/auth/callback/%ED%A0%80", "/o/%00/sales", "/o/demo/alerts/%1F", "/o/%0d%0aset-cookie:%20x=1", "/o/%C2%85/x"];
const accepted = ["/", "/o/demo-vending/alerts", "/o/%F0%9F%98%80", `/o/${encodeURIComponent("машина-автомат")}`, "/o/..%2f..%2fetc%2fpasswd", "/o/%2e%2e", `/o/${encodeURIComponent("' or 1=1 --")}`, "/o/100%25"];

describe("pathProblem", () => {
  it.each(refused)("refuses %s and says what is wrong", (path) => {
    expect(pathProblem(path)).toMatch(/^The address is not valid: the part ".*" (has a broken percent-encoding|contains)/);
  });
  it.each(accepted)("accepts %s", (path) => {
    expect(pathProblem(path)).toBeNull();
  });
  it("names the kind of problem", () => {
    expect(pathProblem("/o/%00/sales")).toContain("NUL");
    expect(pathProblem("/o/%ED%A0%80")).toContain("percent-encoding");
  });
});

describe("rawPathOf", () => {
  it("keeps the path as sent, without the query", () => {
    expect(rawPathOf("/o/%00/sales?x=%ZZ#y")).toBe("/o/%00/sales");
    expect(rawPathOf("http://localhost:3000/m/%E0%A4%A?x")).toBe("/m/%E0%A4%A");
    expect(rawPathOf("*")).toBeNull();
  });
});

describe("refuseInvalidPaths (the Node server in front of Next.js)", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer(refuseInvalidPaths((_request, response) => response.end("handled")));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (method: string, path: string) =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, method, path }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, type: res.headers["content-type"] ?? "", body }));
      });
      req.on("error", reject);
      req.end();
    });

  it("answers 400 in JSON with a code under /api/", async () => {
    const answer = await send("POST", "/api/v1/machines/%ED%A0%80/events");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "invalid_address", message: expect.stringContaining("percent-encoding") } });
  });

  it("answers 400 in plain text for pages", async () => {
    const answer = await send("GET", "/o/%00/alerts");
    expect(answer).toMatchObject({ status: 400, type: expect.stringContaining("text/plain"), body: expect.stringContaining("NUL") });
  });

  it("passes good paths on, whatever their query string", async () => {
    expect(await send("GET", "/o/demo-vending/alerts?x=%ZZ")).toMatchObject({ status: 200, body: "handled" });
  });
});
