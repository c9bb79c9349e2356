import "server-only";
import { ProviderError } from "../payment-provider";

/** An answer of Alipay's gateway: code "10000" is success; otherwise sub_code says why. */
export interface GatewayAnswer {
  code: string;
  msg?: string;
  sub_code?: string;
  sub_msg?: string;
  [field: string]: unknown;
}

/**
 * Alipay's answers that may succeed when the same request is sent again later: its own failures
 * (system errors, unknown errors, any `isp.` service error) and a merchant balance too low to
 * refund from, which the operator fixes by topping up the account while the refund queue backs
 * off (it alerts when it gives up). Everything else (a closed trade, an amount that does not
 * match, a wrong app id or key) is a refusal that repeating cannot change.
 */
const RETRYABLE = new Set(["ACQ.SYSTEM_ERROR", "aop.ACQ.SYSTEM_ERROR", "isp.unknow-error", "ACQ.SELLER_BALANCE_NOT_ENOUGH"]);

/** The ProviderError for a gateway answer that is not a success. */
export function refusal(method: string, answer: GatewayAnswer): ProviderError {
  const code = answer.sub_code ?? answer.code;
  // 20000: "Service Currently Unavailable", the gateway's own failure.
  const retryable = answer.code === "20000" || RETRYABLE.has(code) || code.startsWith("isp.");
  const reason = answer.sub_msg ?? answer.msg ?? "no message";
  return new ProviderError(`Alipay ${method}: ${code} (${reason})`, retryable, code);
}

/**
 * The ProviderError for a call that got no usable answer. The SDK reports a network failure or a
 * timeout with its cause, an HTTP status other than 200 in its message, and a response whose
 * signature does not verify in Chinese ("验签失败"): the Alipay public key configured for the org
 * is not the one that signed it, which only the operator can fix.
 */
export function transportFailure(method: string, error: unknown): ProviderError {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes("验签失败")) {
    return new ProviderError(`Alipay ${method}: the answer's signature does not verify with the configured Alipay public key`, false, "response_signature_invalid");
  }
  const status = /status: (\d{3})/.exec(message)?.[1];
  if (status) {
    const code = Number(status);
    return new ProviderError(`Alipay ${method}: HTTP ${status}`, code >= 500 || code === 429, `http_${status}`);
  }
  return new ProviderError(`Alipay ${method}: ${message}`, true, "network");
}
