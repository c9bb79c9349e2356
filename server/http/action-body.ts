// A server action called from the browser is a POST to a page with a `next-action` header and the
// action's arguments in React's reply encoding: a JSON text (text/plain) when they are plain values,
// or multipart/form-data whose field "0" holds the JSON root when they include a form. Next.js
// decodes that body only after it has started rendering, so a body it cannot decode ends in a 500
// ("... is not valid JSON", "Connection closed."). proxy.ts checks the shape first and answers 400.
// A form posted without JavaScript carries no `next-action` header and is not checked here.
import "server-only";

/** Next.js's default limit for server action bodies (serverActions.bodySizeLimit, 1 MB). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

const tooLarge = "The form is too large to send (at most 1 MB); shorten it and try again.";
const refuse = (status: number, message: string) =>
  Response.json({ error: message }, { status, headers: { "cache-control": "no-store" } });

/** The body's bytes, or null past `limit` (a sender can leave out or understate Content-Length). */
async function bodyWithin(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: a branch of a cloned body finishes cancelling only once the other branch does.
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
}

function isWellFormed(type: string, contentType: string, body: Uint8Array<ArrayBuffer>): Promise<boolean> {
  if (type === "text/plain") {
    try {
      JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
      return Promise.resolve(true);
    } catch {
      return Promise.resolve(false);
    }
  }
  return new Response(body, { headers: { "content-type": contentType } })
    .formData()
    .then((form) => form.has("0"))
    .catch(() => false);
}

/**
 * The 4xx for a server action call whose body Next.js could not decode; null when `request` is no
 * action call or its body is well formed. Reads a clone, so the action still gets the body.
 */
export async function refuseMalformedActionBody(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "text/plain" && type !== "multipart/form-data") {
    return refuse(415, "A form action is sent as text/plain or multipart/form-data; reload the page and submit the form again.");
  }
  if (Number(request.headers.get("content-length") ?? "0") > ACTION_BODY_LIMIT) return refuse(413, tooLarge);
  const body = await bodyWithin(request.clone(), ACTION_BODY_LIMIT);
  if (body === null) return refuse(413, tooLarge);
  if (await isWellFormed(type, request.headers.get("content-type")!, body)) return null;
  return refuse(400, "The form's data could not be read; reload the page and submit the form again.");
}
