/**
 * The editor frame's side of attachments: checks a picked file against the limits before reading it, and
 * hands its bytes to the worker in base64 chunks (extension messages are JSON; one message per chunk keeps
 * each small and lets the frame show progress).
 */
import { call } from '../shared/client';
import { attachmentLimits, type OutgoingAttachment } from '../shared/compose-types';
import { randomHex, toBase64 } from '../../keyring/bytes';

export type PickedFile = { id: string; file: File };

/** Why a file was not added: a message key and its substitutions. */
export type PickProblem = { key: 'editorAttachTooLarge' | 'editorAttachTooMany' | 'editorAttachTotalTooLarge'; subs: string[] };

const mb = (n: number) => String(Math.round(n / 1024 / 1024));

/** Adds files that fit the limits; returns the new list and one problem per refused file. */
export function addFiles(current: readonly PickedFile[], incoming: readonly File[]): { files: PickedFile[]; problems: PickProblem[] } {
  const files = [...current];
  const problems: PickProblem[] = [];
  let total = files.reduce((n, f) => n + f.file.size, 0);
  for (const file of incoming) {
    if (file.size > attachmentLimits.maxFileBytes) problems.push({ key: 'editorAttachTooLarge', subs: [file.name, mb(attachmentLimits.maxFileBytes)] });
    else if (files.length >= attachmentLimits.maxFiles) problems.push({ key: 'editorAttachTooMany', subs: [String(attachmentLimits.maxFiles)] });
    else if (total + file.size > attachmentLimits.maxTotalBytes) problems.push({ key: 'editorAttachTotalTooLarge', subs: [mb(attachmentLimits.maxTotalBytes), file.name] });
    else {
      files.push({ id: randomHex(8), file }); // 16 characters of [0-9a-f], as attachmentIdPattern wants
      total += file.size;
    }
  }
  return { files, problems };
}

/** Sends each file to the worker, chunk by chunk; `onProgress` gets the file and the share sent (0..1). */
export async function stageFiles(token: string, files: readonly PickedFile[], onProgress: (name: string, share: number) => void): Promise<void> {
  const size = attachmentLimits.chunkBytes;
  for (const { id, file } of files) {
    const total = Math.max(1, Math.ceil(file.size / size));
    for (let index = 0; index < total; index++) {
      const bytes = new Uint8Array(await file.slice(index * size, (index + 1) * size).arrayBuffer());
      await call('editor.stage', { token, id, name: file.name.slice(0, 255), size: file.size, index, total, data: toBase64(bytes) });
      onProgress(file.name, (index + 1) / total);
    }
  }
}

/** "1.4 MB", "320 KB", "12 B". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** Asks the worker to hand each encrypted file to the web mail, one after the other; stops at the first failure. */
export async function attachAll(token: string, pending: readonly OutgoingAttachment[], onStep: (n: number, item: OutgoingAttachment) => void): Promise<void> {
  for (const [i, item] of pending.entries()) {
    onStep(i + 1, item);
    await call('editor.attach', { token, id: item.id });
  }
}
