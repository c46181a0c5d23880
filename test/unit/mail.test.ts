import { describe, expect, it } from "vitest";
import { sendMail } from "../../app/mail.server";

describe("mail", () => {
  it("sends through the configured transport, says false without one or when it fails", async () => {
    const sent: Array<unknown> = [];
    const mail = { to: "nils@example.org", subject: "Invitation", text: "https://rces.test/invite/abc" };
    expect(await sendMail(mail, { sendMail: async (m) => sent.push(m) })).toBe(true);
    expect(sent).toEqual([{ ...mail, from: "RCES <no-reply@localhost>" }]);
    expect(await sendMail(mail, null)).toBe(false);
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(await sendMail(mail, { sendMail: async () => Promise.reject(new Error("connection refused")) })).toBe(false);
    } finally {
      console.error = quiet;
    }
  });
});
