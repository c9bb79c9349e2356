import { describe, expect, it } from "vitest";
import { authorizeCron } from "./authorize";

describe("cron authorization", () => {
  const secret = "a-cron-secret-for-tests";
  it("accepts only Bearer CRON_SECRET", () => {
    expect(authorizeCron(`Bearer ${secret}`, secret)).toBe(true);
    expect(authorizeCron(null, secret)).toBe(false);
    expect(authorizeCron(secret, secret)).toBe(false);
    expect(authorizeCron(`Bearer ${secret}x`, secret)).toBe(false);
    expect(authorizeCron("Bearer ", secret)).toBe(false);
    expect(authorizeCron(`Basic ${secret}`, secret)).toBe(false);
  });
});
