/** The file's own texts (it runs outside the extension, so not from _locales): English and German. */
export type Lang = 'en' | 'de';

const en = {
  title: 'Protected message',
  intro: (from: string) => `${from} sent you a message protected with a password. The sender gives you the password by another way (phone, text message, letter).`,
  introNoSender: 'Someone sent you a message protected with a password. The sender gives you the password by another way (phone, text message, letter).',
  local: 'It is opened here, in your browser, on your device: nothing is sent anywhere.',
  password: 'Password',
  open: 'Open message',
  opening: 'Opening… this takes a few seconds.',
  wrongPassword: 'This password does not open the message. Check it and try again.',
  wrongOrTampered: 'This password does not open the message, or the file was changed. Check the password and try again.',
  tampered: 'This file was changed after it was sent. It is refused and nothing of it is shown. Ask the sender to send it again.',
  notAFile: 'This file does not contain a protected message. Ask the sender to send it again.',
  keyMismatch: 'The sender key in this file does not match the one inside the message. The file was changed: it is refused.',
  from: 'From',
  subject: 'Subject',
  attachments: 'Attachments',
  save: (name: string) => `Save ${name}`,
  bytes: (n: number) => (n < 1024 ? `${n} bytes` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`),
  replyTitle: 'Reply securely',
  replyHelp: 'Your reply is encrypted so that only the sender can read it. Copy the encrypted text into an ordinary e-mail to the sender, or save it as a file and attach it.',
  replyLabel: 'Your reply',
  encryptReply: 'Encrypt reply',
  encrypting: 'Encrypting…',
  replyEmpty: 'Write a reply first.',
  replyReady: 'Your encrypted reply is below. Copy all of it into an e-mail to the sender.',
  replyOut: 'Encrypted reply',
  copy: 'Copy',
  copied: 'Copied.',
  saveReply: 'Save as file',
  senderKey: 'Sender key fingerprint',
  noReply: 'This message has no reply key, so a secure reply is not possible from here.',
  failed: 'Something went wrong: ',
};

const de: typeof en = {
  title: 'Geschützte Nachricht',
  intro: (from) => `${from} hat Ihnen eine mit einem Passwort geschützte Nachricht geschickt. Das Passwort erhalten Sie vom Absender auf einem anderen Weg (Telefon, SMS, Brief).`,
  introNoSender: 'Jemand hat Ihnen eine mit einem Passwort geschützte Nachricht geschickt. Das Passwort erhalten Sie vom Absender auf einem anderen Weg (Telefon, SMS, Brief).',
  local: 'Sie wird hier in Ihrem Browser auf Ihrem Gerät geöffnet: Nichts wird irgendwohin gesendet.',
  password: 'Passwort',
  open: 'Nachricht öffnen',
  opening: 'Wird geöffnet … das dauert einige Sekunden.',
  wrongPassword: 'Mit diesem Passwort lässt sich die Nachricht nicht öffnen. Prüfen Sie es und versuchen Sie es erneut.',
  wrongOrTampered: 'Mit diesem Passwort lässt sich die Nachricht nicht öffnen, oder die Datei wurde verändert. Prüfen Sie das Passwort und versuchen Sie es erneut.',
  tampered: 'Diese Datei wurde nach dem Versand verändert. Sie wird abgelehnt, und nichts davon wird angezeigt. Bitten Sie den Absender, sie erneut zu senden.',
  notAFile: 'Diese Datei enthält keine geschützte Nachricht. Bitten Sie den Absender, sie erneut zu senden.',
  keyMismatch: 'Der Absenderschlüssel in dieser Datei passt nicht zu dem in der Nachricht. Die Datei wurde verändert: Sie wird abgelehnt.',
  from: 'Von',
  subject: 'Betreff',
  attachments: 'Anhänge',
  save: (name) => `${name} speichern`,
  bytes: (n) => (n < 1024 ? `${n} Byte` : n < 1048576 ? `${(n / 1024).toFixed(1).replace('.', ',')} KB` : `${(n / 1048576).toFixed(1).replace('.', ',')} MB`),
  replyTitle: 'Sicher antworten',
  replyHelp: 'Ihre Antwort wird so verschlüsselt, dass nur der Absender sie lesen kann. Kopieren Sie den verschlüsselten Text in eine gewöhnliche E-Mail an den Absender, oder speichern Sie ihn als Datei und hängen Sie sie an.',
  replyLabel: 'Ihre Antwort',
  encryptReply: 'Antwort verschlüsseln',
  encrypting: 'Wird verschlüsselt …',
  replyEmpty: 'Schreiben Sie zuerst eine Antwort.',
  replyReady: 'Ihre verschlüsselte Antwort steht unten. Kopieren Sie sie vollständig in eine E-Mail an den Absender.',
  replyOut: 'Verschlüsselte Antwort',
  copy: 'Kopieren',
  copied: 'Kopiert.',
  saveReply: 'Als Datei speichern',
  senderKey: 'Fingerabdruck des Absenderschlüssels',
  noReply: 'Diese Nachricht enthält keinen Antwortschlüssel; eine sichere Antwort ist von hier aus nicht möglich.',
  failed: 'Etwas ist schiefgegangen: ',
};

export type Texts = typeof en;

/** The reader's browser language decides; the sender's choice (meta.lang) is the fallback. */
export function pickLang(languages: readonly string[], fallback: string | undefined): Lang {
  for (const l of languages) {
    const base = l.toLowerCase().slice(0, 2);
    if (base === 'de' || base === 'en') return base;
  }
  return fallback === 'de' ? 'de' : 'en';
}

export const texts: Record<Lang, Texts> = { en, de };
