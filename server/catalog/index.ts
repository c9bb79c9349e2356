// The catalog domain's front door: the only module other domains, transports and pages import.
import "server-only";

export { getPlanogram, setPlanogram, setPlanogramInput } from "./planogram";
export { createProduct, listProducts, productInput, updateProduct, updateProductInput } from "./products";
