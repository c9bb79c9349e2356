import "server-only";

import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "~/db/open";
import { clientAddress } from "~/server/auth/client-address";
import { currentUser } from "~/server/auth/session";
import { requestOrigin } from "~/server/payments/checkout-origin";
import { createTrpcContext } from "~/server/trpc/init";
import { appRouter } from "~/server/trpc/root";
import { makeQueryClient } from "./query-client";

/** One query client per server request, shared by every component that prefetches. */
export const getQueryClient = cache(makeQueryClient);

const createContext = cache(async () =>
  createTrpcContext({ db: await getDb(), user: await currentUser(), ip: clientAddress(await headers()), origin: requestOrigin(await headers()) }),
);

/** Server components query procedures through this proxy, in-process. */
export const trpc = createTRPCOptionsProxy({ ctx: createContext, router: appRouter, queryClient: getQueryClient });

/** A caller for server components that need the data itself rather than a prefetch. */
export const serverCaller = cache(async () => appRouter.createCaller(await createContext()));

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  void getQueryClient().prefetchQuery(queryOptions);
}
