// The app's pages, read from app/ the way the App Router reads it, so a sweep over "every page"
// learns about a new page without being edited.
import { readdirSync } from "node:fs";
import path from "node:path";

export interface AppPage {
  /** The page file, e.g. app/o/[org]/machines/[machineId]/page.tsx */
  file: string;
  /** Its address with the dynamic segments left in: /o/[org]/machines/[machineId] */
  template: string;
  pattern: RegExp;
}

const appDir = path.resolve(import.meta.dirname, "..", "app");

function toPage(file: string): AppPage {
  // Route groups "(auth)" and private folders "_x" do not appear in the address.
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  const template = `/${segments.join("/")}`;
  const source = segments.map((s) => (/^\[\.\.\..+\]$/.test(s) ? ".+" : /^\[.+\]$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|\\]/g, "\\$&")));
  return { file: path.relative(path.dirname(appDir), file), template, pattern: new RegExp(`^/${source.join("/")}$`) };
}

/** Every page.tsx under app/, as addresses. */
export function appPages(): AppPage[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith("_")) walk(full);
      else if (/^page\.(tsx|ts|jsx|js)$/.test(entry.name)) found.push(full);
    }
  };
  walk(appDir);
  return found.map(toPage).sort((a, b) => a.template.localeCompare(b.template));
}

/** The page an address shows; static segments win over dynamic ones, as in the router. */
export function pageOf(pages: AppPage[], pathname: string): AppPage | undefined {
  const matches = pages.filter((p) => p.pattern.test(pathname));
  const dynamicCount = (p: AppPage) => (p.template.match(/\[/g) ?? []).length;
  return matches.sort((a, b) => dynamicCount(a) - dynamicCount(b))[0];
}
