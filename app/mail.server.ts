import nodemailer from "nodemailer";

// Mail for invitation and reset links, only where SMTP is configured (SMTP_URL such as
// smtp://user:password@mail.example.org:587, and MAIL_FROM). Without it, nothing is sent and the
// person who created the link copies it from the page.

export type Mail = { to: string; subject: string; text: string };
export type MailTransport = { sendMail(mail: Mail & { from: string }): Promise<unknown> };

let transport: MailTransport | null | undefined;

function configuredTransport(): MailTransport | null {
  if (transport === undefined) transport = process.env.SMTP_URL ? nodemailer.createTransport(process.env.SMTP_URL) : null;
  return transport;
}

export function mailConfigured(): boolean {
  return configuredTransport() !== null;
}

/** Sends when SMTP is configured; true when sent, false when there is no mail service (or it failed). */
export async function sendMail(mail: Mail, via: MailTransport | null = configuredTransport()): Promise<boolean> {
  if (!via) return false;
  try {
    await via.sendMail({ ...mail, from: process.env.MAIL_FROM || "RCES <no-reply@localhost>" });
    return true;
  } catch (error) {
    console.error(`rces: mail to ${mail.to} failed: ${(error as Error).message}`);
    return false;
  }
}
