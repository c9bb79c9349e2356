// Opens pages in a real browser and records what went wrong on each: console errors (which is how
// the browser reports Content-Security-Policy violations and React's hydration errors), uncaught
// errors, answers of 400 or more, and accessibility violations axe rates serious or critical.
// Crawls a person's links, one address per page of the app, and photographs each page it opens
// on a desktop and a phone.
import AxeBuilder from "@axe-core/playwright";
import type { Page, TestInfo } from "@playwright/test";
import { readdirSync } from "node:fs";
import path from "node:path";
import { pageOf, type AppPage } from "./app-pages";

/**
 * A message key shown instead of its text ("machines.list.title"): next-intl renders a missing
 * message as its namespace and key, so a page that shows one has a message missing.
 */
const namespaces = readdirSync(path.resolve(import.meta.dirname, "..", "server", "i18n", "messages", "en")).map((f) => f.replace(/\.json$/, ""));
const missingMessage = new RegExp(`\\b(?:${namespaces.join("|")})(?:\\.[a-z][A-Za-z0-9]*){2,}\\b`);

export interface Problem {
  url: string;
  message: string;
}

/** What axe found on a page that keeps people out: rule, impact, and the first elements. */
export interface Barrier {
  url: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

const phone = { width: 390, height: 844 };

/** Where each sweep writes the page templates it reached, for the coverage check after the ui project. */
export const SWEEP_COVERAGE_DIR = path.resolve(import.meta.dirname, "..", "test-results", "sweep-coverage");

/** A file name for a page's address: "/o/demo-vending/sales?status=failed" -> "o-demo-vending-sales-status-failed". */
const fileNameOf = (url: string) => url.replace(/^\//, "").replace(/[^a-zA-Z0-9]+/g, "-").replace(/-+$/, "").slice(0, 120) || "home";

export class PageSweep {
  /** The address each page was first opened at, by template. */
  readonly visited = new Map<string, string>();
  readonly problems: Problem[] = [];
  readonly barriers: Barrier[] = [];
  private current = "";

  constructor(
    private readonly page: Page,
    private readonly pages: AppPage[],
    /** Photographs each page the first time its template is opened, into test-results/screens/[<language>/]<who>/. */
    private readonly photos?: { testInfo: TestInfo; who: string; language?: string },
  ) {
    page.on("console", (msg) => {
      if (msg.type() === "error") this.problems.push({ url: this.current, message: msg.text() });
    });
    page.on("pageerror", (error) => this.problems.push({ url: this.current, message: `uncaught: ${error.message}` }));
    page.on("response", (res) => {
      if (res.status() >= 500) this.problems.push({ url: this.current, message: `${res.status()} from ${res.url()}` });
    });
  }

  /** Opens `url`, waits until the page has settled, and returns the app addresses it links to. */
  async visit(url: string): Promise<string[]> {
    this.current = url;
    const response = await this.page.goto(url);
    if (!response || response.status() >= 400) this.problems.push({ url, message: `answered ${response?.status() ?? "nothing"}` });
    // The inbox polls every 5 s, so the network goes quiet in between; hydration is over by then.
    await this.page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => undefined);
    const template = pageOf(this.pages, new URL(this.page.url()).pathname)?.template;
    if (template && !this.visited.has(template)) {
      this.visited.set(template, url);
      const missing = missingMessage.exec(await this.page.locator("body").innerText());
      if (missing) this.problems.push({ url, message: `shows the key of a missing message: ${missing[0]}` });
      await this.checkAccess(url);
      await this.photograph(url);
    }
    const origin = new URL(this.page.url()).origin;
    const hrefs = await this.page.$$eval("a[href]", (links) => links.map((a) => (a as HTMLAnchorElement).href));
    return hrefs
      .map((href) => new URL(href))
      .filter((u) => u.origin === origin && !u.pathname.startsWith("/api/") && !/\.[a-z0-9]+$/i.test(u.pathname))
      .map((u) => `${u.pathname}${u.search}`);
  }

  /** Runs axe on the page as it stands; serious and critical violations are barriers. */
  async checkAccess(url: string): Promise<void> {
    const result = await new AxeBuilder({ page: this.page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    for (const v of result.violations) {
      if (v.impact !== "serious" && v.impact !== "critical") continue;
      this.barriers.push({ url, rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) });
    }
  }

  /** A full-page picture at the test's desktop size and at a phone's width, kept with the test results. */
  private async photograph(url: string): Promise<void> {
    if (!this.photos) return;
    const { testInfo, who, language } = this.photos;
    const dir = path.join(testInfo.config.rootDir, "..", "test-results", "screens", ...(language ? [language] : []), who);
    const viewport = this.page.viewportSize();
    const name = fileNameOf(new URL(url, "http://x").pathname + new URL(url, "http://x").search);
    await this.page.screenshot({ fullPage: true, animations: "disabled", path: path.join(dir, `${name}-desktop.png`) });
    if (viewport && viewport.width > phone.width) {
      await this.page.setViewportSize(phone);
      await this.page.screenshot({ fullPage: true, animations: "disabled", path: path.join(dir, `${name}-phone.png`) });
      await this.page.setViewportSize(viewport);
    }
  }

  /** The barriers as one readable list, for an assertion message. */
  barrierReport(): string {
    return this.barriers.map((b) => `${b.url}: ${b.impact} ${b.rule} (${b.help}) at ${b.targets.join(" | ")}`).join("\n");
  }

  /** Opens `starts`, then every linked address of a page not opened yet, breadth first. */
  async crawl(starts: string[], follow: (pathname: string) => boolean = () => true): Promise<void> {
    const queue = [...starts];
    const queued = new Set(queue);
    while (queue.length > 0) {
      const url = queue.shift()!;
      const links = await this.visit(url);
      for (const link of links) {
        const pathname = new URL(link, "http://x").pathname;
        const template = pageOf(this.pages, pathname)?.template;
        if (!template || this.visited.has(template) || queued.has(link) || !follow(pathname)) continue;
        if (queue.some((q) => pageOf(this.pages, new URL(q, "http://x").pathname)?.template === template)) continue;
        queue.push(link);
        queued.add(link);
      }
    }
  }

  /** The problems as one readable list, for an assertion message. */
  report(): string {
    return this.problems.map((p) => `${p.url}: ${p.message}`).join("\n");
  }
}
