import { execFileSync } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import path from "node:path";
import { addMonths, differenceInCalendarDays, format, parseISO } from "date-fns";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "./db";
import { ROOT } from "./fixtures";
import { validityEnd } from "../../workflows/label";

// Label reminders by mail where SMTP is set up: through a real SMTP conversation with a small
// local server, from whichever path makes them due (recording a label, the hourly job).
type Received = { to: Array<string>; data: string };
const received: Array<Received> = [];
const smtp = net.createServer((socket) => {
  let buffer = "";
  let inData = false;
  let current: Received = { to: [], data: "" };
  socket.write("220 test ESMTP\r\n");
  socket.on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    for (;;) {
      if (inData) {
        const end = buffer.indexOf("\r\n.\r\n");
        if (end < 0) return;
        received.push({ ...current, data: buffer.slice(0, end) });
        buffer = buffer.slice(end + 5);
        current = { to: [], data: "" };
        inData = false;
        socket.write("250 queued\r\n");
        continue;
      }
      const eol = buffer.indexOf("\r\n");
      if (eol < 0) return;
      const line = buffer.slice(0, eol);
      buffer = buffer.slice(eol + 2);
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === "RCPT") current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
      if (verb === "DATA") {
        inData = true;
        socket.write("354 go on\r\n");
      } else if (verb === "QUIT") socket.end("221 bye\r\n");
      else socket.write(verb === "EHLO" ? "250 test\r\n" : "250 OK\r\n");
    }
  });
});
smtp.listen(0, "127.0.0.1");
await once(smtp, "listening");
process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.address() as net.AddressInfo).port}`;
process.env.MAIL_FROM = "RCES <rces@example.org>";

useFreshDatabase();
execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["prisma/seed.ts"], { cwd: ROOT, env: { ...process.env, RCES_DEMO_PROGRAM: "0" }, stdio: "pipe" });
const { recordLabel } = await import("../../app/labels.server");
const { runPeriodicJob } = await import("../../app/jobs.server");
const { todayIso } = await import("../../app/scorecard/dates");
const { disconnectDb } = await import("../../app/db.server");
afterAll(async () => {
  smtp.close();
  await disconnectDb();
});

const coordinator = { userId: "demo-coordinator", name: "Kari", email: "coordinator@demo.rces", grants: [{ role: "coordinator" as const, portfolio: "arctic", clusterId: null }] };
// Mail text as the reader sees it: quoted-printable bytes and RFC 2047 encoded words decoded.
const bytes = (text: string) => Buffer.from(text.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");
const subject = (mail: Received) =>
  /^Subject: (.*(?:\r\n .*)*)/m.exec(mail.data)![1]!.replace(/\?=\r\n =\?UTF-8\?Q\?/g, "").replace(/=\?UTF-8\?Q\?(.*?)\?=/g, (_, word: string) => bytes(word.replace(/_/g, " ")));
const body = (mail: Received) => bytes(mail.data.slice(mail.data.indexOf("\r\n\r\n") + 4).replace(/=\r\n/g, ""));

describe("label reminders by mail", () => {
  it("go out when recording a label makes them due today, and from the job, each once", async () => {
    const today = todayIso();
    // Tromsø Marine's label, interviewed 23 months ago: it ends at the end of next month. (Gold, from
    // an external assessment: a Bronze would need a benchmarking of that time, and the demo's are older.)
    const interviewOn = format(addMonths(new Date(`${today}T12:00:00Z`), -23), "yyyy-MM-dd");
    expect(await recordLabel(coordinator, { clusterId: "arc-tromso-marine", level: "GOLD", interviewOn, awardingBody: "ESCA", score: 85 }, today)).toMatchObject({ ok: true });
    expect(received.map((m) => m.to).sort()).toEqual([["coordinator@demo.rces"], ["manager@demo.rces"], ["policy@demo.rces"]]);
    const validUntil = validityEnd(interviewOn, 24);
    const left = differenceInCalendarDays(parseISO(validUntil), parseISO(today));
    const due = [90, 60, 30].filter((d) => left <= d).at(-1);
    for (const mail of received) {
      expect(subject(mail)).toBe(`Label expires in ${due} days: Tromsø Marine Tech Cluster`);
      expect(body(mail)).toContain(`The Gold label of Tromsø Marine Tech Cluster is valid to ${validUntil}.`);
      expect(mail.data).toContain("From: RCES <rces@example.org>");
    }
    // The job on the same day finds them sent: no second mail.
    expect((await runPeriodicJob(today)).reminders).toBe(0);
    expect(received).toHaveLength(3);
  });
});
