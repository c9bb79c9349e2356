import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/**
 * Secrets that a deployment with its own database must be given. In embedded mode (no
 * DATABASE_URL) and in development they are generated once into the data directory instead.
 */
export const requiredProductionSecrets = ["AUTH_SECRET", "CRON_SECRET", "MACHINE_SECRETS_KEY"] as const;

const base64Key32 = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, {
    message: "must be 32 random bytes in base64 (generate with: openssl rand -base64 32)",
  });

/** The one validated view of the process environment. */
export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url().optional(),
    DATABASE_DRIVER: z.enum(["pglite", "neon", "pg"]).optional(),
    DATA_DIR: z.string().default("./.data"),
    /** Connections each server process keeps open at most (pg and Neon pools). */
    DATABASE_POOL_MAX: z.coerce.number().int("must be a whole number").min(1, "must be 1 or more").max(1000, "must be at most 1000").default(10),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    MACHINE_SECRETS_KEY: base64Key32.optional(),
    APP_URL: z.url().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /**
     * How many server processes `npm start` runs on the port. Unset: one per core on Postgres; always
     * one on the embedded database, which allows a single writer.
     */
    WEB_CONCURRENCY: z.coerce.number().int("must be a whole number").min(1, "must be 1 or more").max(256, "must be at most 256").optional(),
    /** Which of `npm start`'s server processes this is (1..N), set by its primary process; unset: the only one. */
    VENDOPS_WORKER: z.coerce.number().int().min(1).optional(),
    SMTP_URL: z.url().optional(),
    MAIL_FROM: z.string().default("VendOps <no-reply@vendops.local>"),
    /**
     * How many proxies of ours (load balancer, TLS terminator) stand in front of the server, each
     * appending the address it saw to X-Forwarded-For. 0: clients connect to the server directly.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").max(10, "must be at most 10").default(0),
    /** Let webhook endpoints point at loopback and private networks (off: public addresses only). */
    WEBHOOK_ALLOW_PRIVATE: z.enum(["true", "false"]).optional(),
    DEMO_SEED: z.enum(["true", "false"]).optional(),
    /** Seed the Shanghai demo operator too (yuan, WeChat Pay and Alipay), as `npm start -- --china` does. */
    DEMO_CHINA: z.enum(["true", "false"]).optional(),
    /** How many machines of each demo operator keep sending live traffic while the demo runs; 0 turns them off. */
    DEMO_LIVE_MACHINES: z.coerce.number().int().min(0, "must be 0 or more").max(40, "must be at most 40 (the demo has 40 machines)").default(5),
    /** Stripe secret key (sk_...). Unset: the embedded demo's payment provider, payments settle at once. */
    STRIPE_SECRET_KEY: z.string().startsWith("sk_", "must be a Stripe secret key (sk_live_... or sk_test_...)").optional(),
    /** Signing secret of the Stripe webhook endpoint (whsec_...). */
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must be a Stripe webhook signing secret (whsec_...)").optional(),
    /** Another Stripe API base, e.g. a local fake of Stripe for tests: http://127.0.0.1:12111 */
    STRIPE_API_URL: z.url().optional(),
    /**
     * Which payment provider takes payments: stripe (needs STRIPE_SECRET_KEY) or demo (settles at
     * once, charges nothing, labelled as a demo). Unset: Stripe with a key, else the demo provider
     * on the embedded database only. demo on a real database is for demos and tests.
     */
    PAYMENT_PROVIDER: z.enum(["stripe", "demo"]).optional(),
    /**
     * AES-256-GCM key that encrypts orgs' own WeChat Pay and Alipay merchant secrets at rest: 32 random
     * bytes in base64. Unset: derived from MACHINE_SECRETS_KEY (or the generated local secrets), except
     * in production with DATABASE_URL, where orgs cannot save merchant secrets without it.
     */
    PAYMENT_CREDENTIALS_KEY: base64Key32.optional(),
    /** Another WeChat Pay API v3 base, e.g. a local fake for tests (default https://api.mch.weixin.qq.com). */
    WECHATPAY_API_URL: z.url().optional(),
    /** Another Alipay gateway, e.g. a local fake for tests or the sandbox (default https://openapi.alipay.com/gateway.do). */
    ALIPAY_GATEWAY_URL: z.url().optional(),
    /** Set by Vercel; there, Vercel Cron calls /api/cron/* and the in-process scheduler stays off. */
    VERCEL: z.string().optional(),
    /** Run scheduled jobs in this process: on (default off Vercel) or off. */
    SCHEDULER: z.enum(["on", "off"]).optional(),
    /** The Postgres database bench/analytics.ts fills and measures (it keeps its data between runs). */
    BENCH_DATABASE_URL: z.url().default("postgres://postgres@127.0.0.1:5432/vendops_bench"),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  onValidationError: (issues) => {
    const lines = issues.map((issue) => {
      const name = issue.path?.map((p) => (typeof p === "object" ? p.key : p)).join(".") ?? "environment";
      return `  ${name}: ${issue.message}`;
    });
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  },
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
  createFinalSchema: (shape) =>
    z.object(shape).superRefine((value, ctx) => {
      if (value.NODE_ENV !== "production" || !value.DATABASE_URL) return;
      for (const name of requiredProductionSecrets) {
        if (!value[name]) {
          ctx.addIssue({
            code: "custom",
            path: [name],
            message: "is required in production (DATABASE_URL is set); see .env.example",
          });
        }
      }
    }),
});
