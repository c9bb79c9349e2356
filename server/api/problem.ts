import "server-only";
import { ZodError } from "zod";
import { ServiceError, type ServiceErrorKind } from "../errors";

/** The public API's error answers: RFC 9457 problem details (`application/problem+json`). */

const titles: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  412: "Precondition failed",
  413: "Content too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Server error",
};

export interface Problem {
  status: number;
  /** A stable code, also the last part of the problem's `type` URI. */
  code: string;
  detail: string;
  /** Extra members, e.g. `errors` for invalid fields. */
  extra?: Record<string, unknown>;
}

/** The problem's JSON body. */
export function problemJson(problem: Problem) {
  return {
    type: `https://vendops.app/problems/${problem.code}`,
    title: titles[problem.status] ?? "Error",
    status: problem.status,
    detail: problem.detail,
    ...problem.extra,
  };
}

export const PROBLEM_HEADERS = { "content-type": "application/problem+json", "cache-control": "no-store" } as const;

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problemJson(problem)), { status: problem.status, headers: { ...PROBLEM_HEADERS, ...headers } });
}

const statusOf: Record<ServiceErrorKind, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

/** A service's refusal or an invalid input as a problem; anything else is not one (null). */
export function problemOf(error: unknown): Problem | null {
  if (error instanceof ServiceError) {
    return { status: statusOf[error.kind], code: error.code, detail: error.message, extra: error.fieldErrors ? { errors: error.fieldErrors } : undefined };
  }
  if (error instanceof ZodError) {
    const errors: Record<string, string[]> = {};
    for (const issue of error.issues) (errors[issue.path.join(".") || "request"] ??= []).push(issue.message);
    return { status: 400, code: "invalid_request", detail: error.issues[0]?.message ?? "The request is not valid.", extra: { errors } };
  }
  return null;
}
