import "server-only";
import type { z } from "zod";
import type { ServiceCtx } from "../context";
import type { ApiScope } from "../tenancy";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** What an operation receives, parsed by its schemas. */
export interface OperationInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/**
 * One operation of the public API, described once: the route handler serves it from this, the
 * OpenAPI document is generated from it, and the contract test calls it.
 */
export interface ApiOperation<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** The OpenAPI operationId, e.g. `listMachines`. */
  id: string;
  method: HttpMethod;
  /** The path under /api/v1 in OpenAPI form, e.g. `/machines/{machine_id}`. */
  path: string;
  scope: ApiScope;
  /** The reference's section, e.g. "Machines". */
  tag: string;
  summary: string;
  description?: string;
  /** Path parameters, named as in `path` (snake_case). */
  params?: P;
  query?: Q;
  body?: B;
  /** The answer's schema (for 200/201), or null for 204 No Content. */
  response: R | null;
  /** 200 unless given (201 for creations). */
  status?: 200 | 201 | 204;
  /**
   * Another form of the answer chosen by the query (e.g. `?format=xero` as CSV): the text and its
   * content type, or null for the JSON answer. Documented under `textForms`.
   */
  text?: (ctx: ServiceCtx, body: z.input<R>, query: z.output<Q>) => Promise<{ body: string; contentType: string } | null>;
  /** The content types `text` may answer with, for the OpenAPI document. */
  textForms?: { contentType: string; description: string; example?: string }[];
  /**
   * The resource as it is now, for `ETag` on reads and `If-Match` on writes: a write with an
   * `If-Match` that no longer matches is refused with 412 and changes nothing.
   */
  current?: (ctx: ServiceCtx, input: OperationInput<z.output<P>, z.output<Q>, undefined>) => Promise<unknown>;
  /** A request body and an answer, shown in the reference. */
  examples?: { request?: z.input<B>; response?: z.input<R> };
  handle: (ctx: ServiceCtx, input: OperationInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<R extends z.ZodType ? z.input<R> : null>;
}

/** Declares an operation with its types inferred from its schemas. */
export function defineOperation<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType>(
  operation: ApiOperation<P, Q, B, R>,
): ApiOperation<P, Q, B, R> {
  return operation;
}

/** Any operation, for registries and the route adapter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyApiOperation = ApiOperation<any, any, any, any>;
