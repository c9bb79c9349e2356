// The production server `npm start` runs: Next.js behind a plain Node HTTP server that appends the
// address of each request's socket to X-Forwarded-For before Next.js sees it. `next start` alone
// passes a client's own X-Forwarded-For through unchanged (it sets the header only when it is
// missing), so the app could not tell the socket's address from one the client made up; with this,
// the header's last entry is always the socket's (see server/web/client-address.ts). It also
// refuses request paths Next.js would fail on (see server/http/request-path.ts).
// Usage: tsx scripts/app-server.ts <port> <keep-alive ms>
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { recordSocketAddress } from "~/server/web/client-address";
import { refuseInvalidPaths } from "../server/http/request-path";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.argv[2] ?? 3000);
const keepAliveTimeout = Number(process.argv[3] ?? 65_000);

// No hostname, as `next start` without -H: request URLs then name the host as `next start` does.
const app = next({ dev: false, dir: root, port });
const handle = app.getRequestHandler();
await app.prepare();

// Paths Next.js cannot decode (or that decode to a NUL) are refused with 400 before it sees them.
const server = createServer(refuseInvalidPaths(recordSocketAddress((request, response) => void handle(request, response))));
server.keepAliveTimeout = keepAliveTimeout;
// Above keepAliveTimeout, as Node requires for keep-alive to take effect.
server.headersTimeout = keepAliveTimeout + 1_000;
server.listen(port, () => console.log(`VendOps listening on port ${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
