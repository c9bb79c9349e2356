import { describe, expect, it } from "vitest";
import { nonPublicMessage } from "./endpoint-addresses";
import { COULD_NOT_CONNECT } from "./outbound-webhooks";
import { attemptErrorIn, disabledReasonIn } from "./webhook-texts";

describe("why an endpoint was disabled or a test failed, in the reader's language", () => {
  it("says each attempt's failure in Chinese and leaves English and unknown reasons as they are", () => {
    expect(attemptErrorIn("The endpoint answered 500.", "zh-CN")).toBe("端点返回了 500。");
    expect(attemptErrorIn("No answer within 10 s.", "zh-CN")).toBe("10 秒内没有响应。");
    expect(attemptErrorIn(COULD_NOT_CONNECT, "zh-CN")).toBe("无法连接到端点。请检查 URL，并确认接收方正在运行且可从互联网访问。");
    expect(attemptErrorIn(nonPublicMessage("10.0.0.1"), "zh-CN")).toMatch(/10\.0\.0\.1.*\p{Script=Han}|\p{Script=Han}.*10\.0\.0\.1/u);
    expect(attemptErrorIn("The endpoint answered 500.", "en")).toBe("The endpoint answered 500.");
    expect(attemptErrorIn("socket hang up", "zh-CN")).toBe("socket hang up");
  });

  it("says a stored disabled reason in Chinese, the failed attempt's reason too", () => {
    expect(disabledReasonIn("Disabled by hand.", "zh-CN")).toBe("已手动停用。");
    expect(disabledReasonIn("Disabled after 5 failed attempts to deliver msg_1: No answer within 10 s.", "zh-CN")).toBe("投递 msg_1 失败 5 次后已停用：10 秒内没有响应。");
    expect(disabledReasonIn("Disabled by hand.")).toBe("Disabled by hand.");
    expect(disabledReasonIn("Paused for maintenance", "zh-CN")).toBe("Paused for maintenance");
  });
});
