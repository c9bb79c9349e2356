import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "~/db/open";
import { clientIp } from "~/server/auth/next-auth";
import { currentUser } from "~/server/auth/session";
import { appRouter } from "~/server/trpc/root";
import { createTrpcContext } from "~/server/trpc/init";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => createTrpcContext({ db: await getDb(), user: await currentUser(), ip: clientIp(req.headers) }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"}:`, error.cause ?? error);
    },
  });

export { handler as GET, handler as POST };
