import "server-only";
import { createTRPCRouter, orgProcedure } from "../init";
import { machineIdInput } from "~/server/fleet";
import { getPlanogram, setPlanogram, setPlanogramInput } from "~/server/inventory";
import { createProduct, listProducts, productInput, updateProduct, updateProductInput } from "~/server/catalog";

export const productsRouter = createTRPCRouter({
  list: orgProcedure("viewer").query(({ ctx }) => listProducts(ctx.svc)),
  create: orgProcedure("manager").input(productInput).mutation(({ ctx, input }) => createProduct(ctx.svc, input)),
  update: orgProcedure("manager").input(updateProductInput).mutation(({ ctx, input }) => updateProduct(ctx.svc, input)),
});

export const planogramRouter = createTRPCRouter({
  get: orgProcedure("viewer").input(machineIdInput).query(({ ctx, input }) => getPlanogram(ctx.svc, input)),
  set: orgProcedure("manager").input(setPlanogramInput).mutation(({ ctx, input }) => setPlanogram(ctx.svc, input)),
});
