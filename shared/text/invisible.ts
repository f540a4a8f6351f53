// Text that leaves for a public page or a chat: bidi overrides and other invisible controls are removed, so a title
// cannot reverse what a reader sees ("Payment ok" that reads as something else, a file name spoofed with U+202E),
// hide words, or smuggle control characters. Zero-width joiner and non-joiner stay: emoji and Persian need them.

/**
 * Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069), marks (U+200E/F, U+061C), zero-width space,
 * word joiner and invisible operators (U+200B, U+2060-2064), the BOM (U+FEFF), Mongolian vowel separator (U+180E),
 * Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), soft hyphen, interlinear annotations (U+FFF9-FFFB), tag
 * characters (U+E0000-E007F), C0 controls but tab and newline, DEL and C1 controls.
 */
// eslint-disable-next-line no-control-regex -- removing control characters is this expression's purpose
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F\u061C\u2060-\u2064\uFEFF\u180E\u115F\u1160\u3164\uFFA0\u00AD\uFFF9-\uFFFB\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\uDB40[\uDC00-\uDC7F]/g;

/** The text without invisible controls; line and paragraph separators and carriage returns become newlines. */
export function neutraliseInvisible(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(INVISIBLE, '');
}
