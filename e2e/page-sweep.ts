// Opens pages in a real browser and records what went wrong on each: console errors (which is how
// the browser reports Content-Security-Policy violations and React's hydration errors), uncaught
// errors, and answers of 400 or more. Crawls a person's links, one address per page of the app.
import type { Page } from "@playwright/test";
import { pageOf, type AppPage } from "./app-pages";

export interface Problem {
  url: string;
  message: string;
}

export class PageSweep {
  /** The address each page was first opened at, by template. */
  readonly visited = new Map<string, string>();
  readonly problems: Problem[] = [];
  private current = "";

  constructor(
    private readonly page: Page,
    private readonly pages: AppPage[],
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
    if (template && !this.visited.has(template)) this.visited.set(template, url);
    const origin = new URL(this.page.url()).origin;
    const hrefs = await this.page.$$eval("a[href]", (links) => links.map((a) => (a as HTMLAnchorElement).href));
    return hrefs
      .map((href) => new URL(href))
      .filter((u) => u.origin === origin && !u.pathname.startsWith("/api/") && !/\.[a-z0-9]+$/i.test(u.pathname))
      .map((u) => `${u.pathname}${u.search}`);
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
