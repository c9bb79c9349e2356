import { describe, expect, it } from "vitest";
import { GET } from "./route";

const call = (headers: Record<string, string>, job = "alert-sweep") =>
  GET(new Request(`http://localhost/api/cron/${job}`, { headers }), { params: Promise.resolve({ job }) });

describe("GET /api/cron/{job}", () => {
  it("answers 401 without the bearer secret or with a wrong one, before looking at the job", async () => {
    for (const headers of [{} as Record<string, string>, { authorization: "Bearer wrong-secret-of-some-length" }, { authorization: "wrong" }]) {
      const response = await call(headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: "Missing or wrong CRON_SECRET bearer token." });
    }
    expect((await call({}, "no-such-job")).status).toBe(401);
  });
});
