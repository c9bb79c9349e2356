import { openApiDocument } from "~/server/api";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of API v1; public, like the reference page. */
export function GET(request: Request) {
  const origin = new URL(request.url).origin;
  return Response.json(openApiDocument({ serverUrl: `${origin}/api/v1` }), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
