import { describe, expect, it } from "vitest";
import { invitationMail } from "./invitations";

describe("the e-mail that invites someone to an org", () => {
  const invite = { to: "li@example.cn", inviter: "王芳", orgName: "京售", url: "https://vend.example/invite/t" };

  it("reads in English word for word as before, and in Chinese with the role in Chinese", () => {
    expect(invitationMail({ ...invite, role: "technician", locale: "en" })).toEqual({
      to: "li@example.cn",
      subject: "王芳 invited you to 京售 on VendOps",
      text: "王芳 invited you to join 京售 on VendOps as Technician.\n\nAccept the invitation: https://vend.example/invite/t\n\nThe link works once and expires in 7 days.",
    });
    const zh = invitationMail({ ...invite, inviter: null, role: "technician", locale: "zh-CN" });
    expect(zh.subject).toBe("一位同事 邀请您加入 VendOps 上的 京售");
    expect(zh.text).toContain("一位同事 邀请您以运维人员身份加入 VendOps 上的 京售。");
    expect(zh.text).toContain("接受邀请：https://vend.example/invite/t");
    expect(zh.text).toContain("此链接仅可使用一次，7 天后失效。");
  });
});
