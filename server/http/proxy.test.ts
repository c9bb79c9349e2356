import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "~/proxy";

const origin = "http://localhost:3000";
const action = (body: BodyInit | null, contentType: string | null, headers: Record<string, string> = {}) =>
  new NextRequest(`${origin}/sign-in`, {
    method: "POST",
    headers: { "next-action": "7f".padEnd(42, "0"), origin, host: "localhost:3000", ...(contentType ? { "content-type": contentType } : {}), ...headers },
    body,
  });
const passedOn = (response: Response) => response.headers.get("x-middleware-next") === "1";

describe("proxy: addresses", () => {
  it.each(["/o/%00/alerts", "/m/%E0%A4%A", "/invite/%", "/o/demo-vending/alerts/%ED%A0%80"])("refuses %s with 400 and a message", async (path) => {
    const response = await proxy(new NextRequest(`${origin}${path}`));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/^The address is not valid/);
  });

  it("passes a good page on", async () => {
    expect(passedOn(await proxy(new NextRequest(`${origin}/sign-in`)))).toBe(true);
  });
});

describe("proxy: server action bodies", () => {
  const multipart = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return new Request(origin, { method: "POST", body: form });
  };

  it.each([
    ["not JSON", "garbage", "text/plain;charset=UTF-8"],
    ["unfinished JSON", "{", "text/plain;charset=UTF-8"],
    ["200 kB of text", "x".repeat(200_000), "text/plain;charset=UTF-8"],
    ["multipart without fields", "--zz--\r\n", "multipart/form-data; boundary=zz"],
    ["multipart without the root field", '--zz\r\nContent-Disposition: form-data; name="1_$ACTION_REF_1"\r\n\r\nx\r\n--zz--\r\n', "multipart/form-data; boundary=zz"],
    ["broken multipart", '--zz\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]', "multipart/form-data; boundary=zz"],
  ])("refuses %s with 400", async (_label, body, type) => {
    const response = await proxy(action(body, type));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/could not be read/);
  });

  it("refuses other content types with 415 and a body over 1 MB with 413", async () => {
    expect((await proxy(action("a=1", "application/x-www-form-urlencoded"))).status).toBe(415);
    // Bytes, as a string body would be given text/plain by the Request itself.
    expect((await proxy(action(new TextEncoder().encode("[]"), null))).status).toBe(415);
    expect((await proxy(action(JSON.stringify(["x".repeat(1_100_000)]), "text/plain;charset=UTF-8"))).status).toBe(413);
  });

  it("passes on what React sends: JSON text, and multipart with the root field", async () => {
    expect(passedOn(await proxy(action('[{"email":"a@b.example"}]', "text/plain;charset=UTF-8")))).toBe(true);
    const form = multipart({ "0": '["$K1"]', "1_email": "a@b.example", "1_password": "pw" });
    const request = action(form.body, form.headers.get("content-type"));
    expect(passedOn(await proxy(request))).toBe(true);
    // The action still reads its arguments after the proxy looked at them.
    expect((await request.formData()).get("1_email")).toBe("a@b.example");
  });

  it("leaves posts without a next-action header (forms without JavaScript) alone", async () => {
    const request = new NextRequest(`${origin}/sign-in`, { method: "POST", headers: { origin, host: "localhost:3000", "content-type": "text/plain" }, body: "garbage" });
    expect(passedOn(await proxy(request))).toBe(true);
  });
});
