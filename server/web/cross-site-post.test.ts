import { describe, expect, it } from "vitest";
import { refuseCrossSitePost } from "./cross-site-post";

const post = (headers: Record<string, string>, method = "POST") =>
  refuseCrossSitePost(new Request("http://localhost:3000/sign-in", { method, headers: { host: "localhost:3000", "next-action": "abc", ...headers } }));

describe("refuseCrossSitePost", () => {
  it("answers 403 with a reason to a form or server action posted from another site", async () => {
    for (const origin of ["http://evil.example", "http://localhost:3001", "null", "not a url", "https://localhost:3000.evil.example"]) {
      const answer = post({ origin });
      expect(answer?.status, origin).toBe(403);
      expect(((await answer!.json()) as { error: string }).error).toMatch(/sent from another site/);
    }
    expect(post({ origin: "http://evil.example", "x-forwarded-host": "localhost:3000" }, "PUT")?.status).toBe(403);
  });

  it("lets same-site posts, posts without Origin and reads through", () => {
    expect(post({ origin: "http://localhost:3000" })).toBeNull();
    expect(post({ origin: "https://vendops.example", "x-forwarded-host": "vendops.example" })).toBeNull();
    expect(post({})).toBeNull();
    expect(post({ origin: "http://evil.example" }, "GET")).toBeNull();
  });
});
