// The catalog domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { createProduct, listProducts, updateProduct } from "./products";
export { changePrices } from "./bulk-price";
export { importProducts, previewProductImport, type ProductImportRow } from "./import";
export { getProduct, listProductPage } from "./product-pages";
