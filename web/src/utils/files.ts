// Display helpers for uploaded files: a byte count as B / KB / MB, and the kind of a file (PDF, Word …)
// from its media type or, for the generic ones, its name.

/** A byte count as "512 B", "12.3 KB" or "4.5 MB" (1 KB = 1024 bytes). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || Number.isNaN(bytes)) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

const BY_TYPE: [RegExp, string][] = [
  [/^application\/pdf$/, 'PDF'],
  [/wordprocessingml|^application\/msword$/, 'Word'],
  [/spreadsheetml|^application\/vnd\.ms-excel$/, 'Excel'],
  [/presentationml|^application\/vnd\.ms-powerpoint$/, 'PowerPoint'],
  [/wps/, 'WPS'],
  [/ofd/, 'OFD'],
  [/^image\/jpeg$/, 'JPEG'],
  [/^image\/png$/, 'PNG'],
  [/^image\/webp$/, 'WebP'],
]
const BY_EXTENSION: Record<string, string> = {
  pdf: 'PDF', doc: 'Word', docx: 'Word', xls: 'Excel', xlsx: 'Excel', ppt: 'PowerPoint', pptx: 'PowerPoint',
  wps: 'WPS', et: 'WPS', ofd: 'OFD', jpg: 'JPEG', jpeg: 'JPEG', png: 'PNG', webp: 'WebP',
}

/** The kind of a file for people ("PDF", "Word", "Excel" …): by media type, else by the name's extension. */
export function fileKind(mediaType: string, name: string): string {
  for (const [re, label] of BY_TYPE) if (re.test(mediaType)) return label
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''
  return BY_EXTENSION[ext] ?? (ext ? ext.toUpperCase() : mediaType)
}
