import "server-only";
import { getLocale } from "next-intl/server";
import { formatsFor, type Format } from "./format";

/** The formatters of the request's language, in async server components and route handlers. */
export async function getFormat(): Promise<Format> {
  return formatsFor(await getLocale());
}
