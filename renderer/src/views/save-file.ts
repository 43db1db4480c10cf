/**
 * Saves text as a file through the page's download: browser mode downloads it; in Electron a
 * download with no save path set asks where to save it (Electron's own save dialog), so the
 * shell needs no handler of its own.
 */
export function saveTextFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.className = 'visually-hidden';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has read the blob by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `portlens-<what>-2026-12-06T02-30-00.<ext>`: sortable, and no `:` (not allowed on Windows). */
export function exportFileName(what: string, ext: string, now = new Date()): string {
  return `portlens-${what}-${now.toISOString().slice(0, 19).replaceAll(':', '-')}.${ext}`;
}
