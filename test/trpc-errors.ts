import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { expect } from "vitest";
import { appRouter } from "~/server/trpc/root";

/**
 * Awaits a call that must fail and returns what a client would see: the TRPCError's code and the
 * shape produced by the app's real errorFormatter (message, field errors, retry hint).
 */
export async function callError(call: Promise<unknown>) {
  const error: unknown = await call.then(
    () => {
      throw new Error("Expected the call to fail, but it succeeded.");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  const shape = getErrorShape({
    config: appRouter._def._config,
    error: trpcError,
    type: "unknown",
    path: undefined,
    input: undefined,
    ctx: undefined,
  });
  return {
    code: trpcError.code,
    message: shape.message,
    fieldErrors: shape.data.fieldErrors,
    retryAfterSeconds: shape.data.retryAfterSeconds,
  };
}
