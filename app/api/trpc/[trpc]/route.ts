import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { localeFromAcceptLanguage } from "~/server/i18n/negotiate";
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
    createContext: async () => {
      const user = await currentUser();
      // The person's own choice, else their browser's (consumer pages have no choice to make).
      const locale = user?.locale ?? localeFromAcceptLanguage(req.headers.get("accept-language"));
      return createTrpcContext({ db: await getDb(), user, ip: clientAddress(req.headers), origin: requestOrigin(req.headers), locale });
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"}:`, error.cause ?? error);
    },
  });

export { handler as GET, handler as POST };
