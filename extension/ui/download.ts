/**
 * Saves text as a file through the browser's download (the page never sends it anywhere). Firefox too:
 * this click is not what blanked the options page in the e2e (issue #19), nor the revocation below; the
 * page went when ESR's extension process crashed, with the downloads taken out as well.
 */
export function downloadText(filename: string, text: string, type = 'application/pgp-keys'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from an email address and a suffix, with nothing a file system would choke on. */
export function fileNameFor(email: string | undefined, suffix: string): string {
  const base = (email ?? 'key').replace(/[^A-Za-z0-9._@-]+/g, '_').slice(0, 80);
  return `${base}-${suffix}`;
}
