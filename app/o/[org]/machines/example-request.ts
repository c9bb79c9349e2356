// i18n: code sample (the requests people copy into their own programs are code, not prose)
// The example requests "Connect a machine" shows: a heartbeat signed as machine protocol v1 asks
// (Standard Webhooks: v1, base64 HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed by the secret's bytes).

/** How the examples name the secret when it is not on screen any more. */
export const SECRET_PLACEHOLDER = "whsec_...your-machine-secret...";

/** A shell script: openssl computes the signature, curl sends the heartbeat. */
export function curlExample({ endpoint, secret }: { endpoint: string; secret: string | null }): string {
  return [
    `SECRET='${secret ?? SECRET_PLACEHOLDER}'`,
    `NOW=$(date +%s)`,
    `BODY='{"events":[{"id":"evt-'$NOW'","type":"machine.heartbeat","occurredAt":"'$(date -u +%Y-%m-%dT%H:%M:%SZ)'","data":{"temperatureC":4.5}}]}'`,
    `MSG_ID="req-$NOW"`,
    `# v1,base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")), key = the secret after whsec_, base64-decoded`,
    `KEY=$(printf '%s' "\${SECRET#whsec_}" | base64 -d | od -An -vtx1 | tr -d ' \\n')`,
    `SIG=$(printf '%s' "$MSG_ID.$NOW.$BODY" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY" -binary | base64)`,
    `curl -sS -X POST '${endpoint}' \\`,
    `  -H 'content-type: application/json' \\`,
    `  -H "webhook-id: $MSG_ID" \\`,
    `  -H "webhook-timestamp: $NOW" \\`,
    `  -H "webhook-signature: v1,$SIG" \\`,
    `  -d "$BODY"`,
  ].join("\n");
}

/** The same heartbeat from Node.js 20+, signed by the `standardwebhooks` package. */
export function nodeExample({ endpoint, secret }: { endpoint: string; secret: string | null }): string {
  return [
    `// npm install standardwebhooks`,
    `import { Webhook } from "standardwebhooks";`,
    ``,
    `const secret = ${secret ? `"${secret}"` : "process.env.VENDOPS_MACHINE_SECRET"};`,
    `const now = new Date();`,
    `const body = JSON.stringify({`,
    `  events: [{ id: \`evt-\${now.getTime()}\`, type: "machine.heartbeat", occurredAt: now.toISOString(), data: { temperatureC: 4.5 } }],`,
    `});`,
    `const id = \`req-\${now.getTime()}\`;`,
    `const response = await fetch("${endpoint}", {`,
    `  method: "POST",`,
    `  headers: {`,
    `    "content-type": "application/json",`,
    `    "webhook-id": id,`,
    `    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),`,
    `    "webhook-signature": new Webhook(secret).sign(id, now, body),`,
    `  },`,
    `  body,`,
    `});`,
    `console.log(response.status, await response.json());`,
  ].join("\n");
}
