import { describe, expect, it } from "vitest";
import { hostInvitationMail } from "./invitations";

describe("the e-mail that invites a host to the portal", () => {
  const invite = { to: "li@example.cn", inviter: "王芳", orgName: "京售", url: "https://vend.example/host-invite/t" };

  it("names the places in the host's language, English as before", () => {
    const en = hostInvitationMail({ ...invite, places: ["Main station", "Airport"], locale: "en" });
    expect(en.subject).toBe("京售 invited you to follow your vending machines");
    expect(en.text).toBe(
      [
        "王芳 of 京售 invited you to the host portal for: Main station, Airport.",
        "There you see the sales and status of the machines at your place, your commission statements, and can report a problem.",
        "",
        "Accept the invitation: https://vend.example/host-invite/t",
        "",
        "The link works once and expires in 14 days.",
      ].join("\n"),
    );
    const zh = hostInvitationMail({ ...invite, inviter: null, places: ["北京南站", "首都机场"], locale: "zh-CN" });
    expect(zh.subject).toBe("京售 邀请您查看您场地的售货机");
    expect(zh.text).toContain("京售 的 您的售货机运营商 邀请您使用场地方门户，涉及点位：北京南站、首都机场。");
  });
});
