import "server-only";
import { createTRPCRouter, orgProcedure } from "../init";
import { machineIdInput } from "~/server/fleet";
import { getPlanogram, importPlanograms, planogramImportInput, previewPlanogramImport, setPlanogram, setPlanogramInput } from "~/server/inventory";
import {
  bulkPriceInput,
  changePrices,
  createProduct,
  csvFileInput,
  importProducts,
  listProducts,
  previewProductImport,
  productInput,
  updateProduct,
  updateProductInput,
} from "~/server/catalog";

export const productsRouter = createTRPCRouter({
  list: orgProcedure("viewer").query(({ ctx }) => listProducts(ctx.svc)),
  create: orgProcedure("manager").input(productInput).mutation(({ ctx, input }) => createProduct(ctx.svc, input)),
  update: orgProcedure("manager").input(updateProductInput).mutation(({ ctx, input }) => updateProduct(ctx.svc, input)),
  /** Reads a CSV file and says what importing it would do; writes nothing (a mutation only because the file is large). */
  previewImport: orgProcedure("manager").input(csvFileInput).mutation(({ ctx, input }) => previewProductImport(ctx.svc, { ...input, locale: ctx.locale })),
  import: orgProcedure("manager").input(csvFileInput).mutation(({ ctx, input }) => importProducts(ctx.svc, { ...input, locale: ctx.locale })),
  changePrices: orgProcedure("manager").input(bulkPriceInput).mutation(({ ctx, input }) => changePrices(ctx.svc, input)),
});

export const planogramRouter = createTRPCRouter({
  get: orgProcedure("viewer").input(machineIdInput).query(({ ctx, input }) => getPlanogram(ctx.svc, input)),
  set: orgProcedure("manager").input(setPlanogramInput).mutation(({ ctx, input }) => setPlanogram(ctx.svc, input)),
  /** Reads a CSV file of slots and says what importing it would do; writes nothing. */
  previewImport: orgProcedure("manager").input(planogramImportInput).mutation(({ ctx, input }) => previewPlanogramImport(ctx.svc, { ...input, locale: ctx.locale })),
  import: orgProcedure("manager").input(planogramImportInput).mutation(({ ctx, input }) => importPlanograms(ctx.svc, { ...input, locale: ctx.locale })),
});
