import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "~/db/open";
import { clientAddress } from "~/server/web";
import { currentUser } from "~/server/web";
import { requestOrigin } from "~/server/payments";
import { appRouter } from "~/server/trpc/root";
import { createTrpcContext } from "~/server/trpc/init";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => createTrpcContext({ db: await getDb(), user: await currentUser(), ip: clientAddress(req.headers), origin: requestOrigin(req.headers) }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"}:`, error.cause ?? error);
    },
  });

export { handler as GET, handler as POST };
