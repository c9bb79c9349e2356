import "server-only";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../init";
import { signUp, signUpInput } from "~/server/auth";

export const authRouter = createTRPCRouter({
  /** Creates an account; the client then signs in with the same credentials. */
  signUp: publicProcedure.input(signUpInput).mutation(({ ctx, input }) => signUp(ctx.db, input)),
  me: protectedProcedure.query(({ ctx }) => ctx.user),
});
