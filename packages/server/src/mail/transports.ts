import nodemailer from 'nodemailer';
import type { OutboxMail } from './outbox.js';

/** Something that delivers one mail, or throws so the sender tries again later. */
export interface MailTransport {
  send(mail: OutboxMail): Promise<void>;
  close?(): void;
}

/** Sends over SMTP with nodemailer, e.g. `smtp://user:pass@mail.example.com:587`. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    },
    close: () => transporter.close(),
  };
}

/** For development without SMTP: prints who, what and the link, so it can be followed. */
export function consoleTransport(print: (line: string) => void = console.log): MailTransport {
  return {
    async send(mail) {
      print(`Mail to ${mail.to}: ${mail.subject}${mail.link ? `\n  ${mail.link}` : ''}`);
    },
  };
}
