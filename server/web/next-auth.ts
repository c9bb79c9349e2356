import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "~/db/open";
import { verifyCredentials } from "~/server/auth";
import { getSecrets } from "../config/secrets";
import { ServiceError } from "../errors";
import { safeRedirect } from "./callback-url";
import { clientAddress } from "./client-address";

/** Sign-in refused; `code` tells the form what to say ("invalid" or "throttled:<seconds>"). */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string };
  }
}

// Lazy config: secrets are read on the first request, never at build time.
export const { handlers, auth, signIn, signOut } = NextAuth((): NextAuthConfig => ({
  secret: getSecrets().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const db = await getDb();
        try {
          return await verifyCredentials(db, {
            email: String(credentials.email ?? ""),
            password: String(credentials.password ?? ""),
            ip: clientAddress(request.headers),
          });
        } catch (error) {
          if (error instanceof ServiceError && error.kind === "TOO_MANY_REQUESTS") {
            throw new SignInRefused(`throttled:${error.retryAfterSeconds ?? 60}`);
          }
          if (error instanceof ServiceError || error instanceof Error && error.name === "ZodError") {
            throw new SignInRefused("invalid");
          }
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // Auth.js's own check passes anything starting with "/" through unparsed; ours resolves it the
    // way a browser would and keeps only paths on this site (the same rule as the sign-in pages).
    redirect({ url, baseUrl }) {
      return safeRedirect(url, baseUrl);
    },
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  logger: {
    error(error) {
      // A refused sign-in is an answer, not a server error.
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
}));
