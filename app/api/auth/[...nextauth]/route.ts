import type { NextRequest } from "next/server";
import { withSafeCallbackUrls } from "~/server/auth";
import { handlers } from "~/server/auth";

// Unsafe redirect targets are replaced before Auth.js sees them (see server/auth/auth-request.ts).
export const GET = (request: NextRequest) => handlers.GET(withSafeCallbackUrls(request));
export const POST = (request: NextRequest) => handlers.POST(withSafeCallbackUrls(request));
