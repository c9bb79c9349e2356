import type { NextRequest } from "next/server";
import { withSafeCallbackUrls } from "~/server/web";
import { handlers } from "~/server/web";

// Unsafe redirect targets are replaced before Auth.js sees them (see server/web/auth-request.ts).
export const GET = (request: NextRequest) => handlers.GET(withSafeCallbackUrls(request));
export const POST = (request: NextRequest) => handlers.POST(withSafeCallbackUrls(request));
