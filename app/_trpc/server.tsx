import "server-only";

import { HydrationBoundary, dehydrate, type QueryClient } from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "~/db/open";
import { clientAddress } from "~/server/web";
import { currentUser, requestLocale } from "~/server/web";
import { requestOrigin } from "~/server/payments";
import { createTrpcContext } from "~/server/trpc/init";
import { appRouter } from "~/server/trpc/root";
import { makeQueryClient } from "./query-client";

/** One query client per server request, shared by every component that prefetches. */
export const getQueryClient = cache(makeQueryClient);

const createContext = cache(async () =>
  createTrpcContext({ db: await getDb(), user: await currentUser(), ip: clientAddress(await headers()), origin: requestOrigin(await headers()), locale: await requestLocale() }),
);

/** Server components query procedures through this proxy, in-process. */
export const trpc = createTRPCOptionsProxy({ ctx: createContext, router: appRouter, queryClient: getQueryClient });

/** A caller for server components that need the data itself rather than a prefetch. */
export const serverCaller = cache(async () => appRouter.createCaller(await createContext()));

/**
 * Hands the page's prefetched data to its client components, once every prefetch has settled. A
 * prefetch the procedures refused (an id of another org or of the wrong shape, a role that may not
 * read it) makes the page not found; any other failure shows the error page. Both happen before
 * anything streams, so the status is real, and a client component never runs a failed query itself
 * while the server renders it, where it has no address to reach the API at.
 */
export async function HydrateClient({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  await settlePrefetches(queryClient);
  return <HydrationBoundary state={dehydrate(queryClient)}>{children}</HydrationBoundary>;
}

// The answers that mean "this is not a page for you": the same 404 as an unknown address.
const notFoundCodes = new Set<TRPCError["code"]>(["NOT_FOUND", "BAD_REQUEST", "FORBIDDEN"]);

async function settlePrefetches(queryClient: QueryClient) {
  const queries = queryClient.getQueryCache().getAll();
  await Promise.allSettled(queries.map((query) => query.promise));
  const error = queries.find((query) => query.state.status === "error")?.state.error;
  if (!error) return;
  if (error instanceof TRPCError && notFoundCodes.has(error.code)) notFound();
  throw error;
}

/**
 * What a server component reads through `serverCaller`, or the page's 404 when the procedures
 * refused it as not this reader's (the same answers as a refused prefetch).
 */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof TRPCError && notFoundCodes.has(error.code)) notFound();
    throw error;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  void getQueryClient().prefetchQuery(queryOptions);
}
