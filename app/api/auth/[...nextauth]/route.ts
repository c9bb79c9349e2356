import type { NextRequest } from "next/server";
import { withSafeCallbackUrls } from "~/server/auth/auth-request";
import { handlers } from "~/server/auth/next-auth";

// Unsafe redirect targets are replaced before Auth.js sees them (see server/auth/auth-request.ts).
export const GET = (request: NextRequest) => handlers.GET(withSafeCallbackUrls(request));
export const POST = (request: NextRequest) => handlers.POST(withSafeCallbackUrls(request));
