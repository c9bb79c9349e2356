import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Db } from "~/db/client";
import { handleEventsRequest } from "~/server/machine-api";

export interface SeenRequest {
  webhookId: string | null;
  eventIds: string[];
  status: number;
}

/**
 * What to do with a request before the real handler: answer it yourself (a Response), let the
 * handler run and then drop the connection without answering ("drop"), or pass (undefined).
 */
export type Intercept = (request: { webhookId: string | null; eventIds: string[]; index: number }) => Response | "drop" | undefined;

/**
 * The machine API served over real HTTP by the real ingest code (`handleEventsRequest`), for
 * testing the reference client. Can be stopped and started again on the same port.
 */
export class IngestServer {
  readonly requests: SeenRequest[] = [];
  intercept: Intercept | undefined;
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  private port = 0;

  constructor(private readonly db: Db) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      void this.handle(req).then(
        async (answer) => {
          if (answer === "drop") return res.destroy();
          res.writeHead(answer.status, Object.fromEntries(answer.headers));
          res.end(Buffer.from(await answer.arrayBuffer()));
        },
        (error: unknown) => {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { code: "server_error", message: String(error) } }));
        },
      );
    });
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<Response | "drop"> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const webhookId = typeof req.headers["webhook-id"] === "string" ? req.headers["webhook-id"] : null;
    let eventIds: string[] = [];
    try {
      eventIds = (JSON.parse(body.toString("utf8")) as { events: { id: string }[] }).events.map((e) => e.id);
    } catch {
      /* not our concern here: the handler answers it */
    }
    const seen: SeenRequest = { webhookId, eventIds, status: 0 };
    this.requests.push(seen);
    const intercepted = this.intercept?.({ webhookId, eventIds, index: this.requests.length - 1 });
    if (intercepted instanceof Response) {
      seen.status = intercepted.status;
      return intercepted;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const machineId = decodeURIComponent(/\/api\/v1\/machines\/([^/]+)\/events/.exec(req.url ?? "")?.[1] ?? "");
    const response = await handleEventsRequest(this.db, machineId, new Request(`${this.url}${req.url}`, { method: req.method, headers, body }));
    seen.status = response.status;
    return intercepted === "drop" ? "drop" : response;
  }
}
