// Text into the public HTML pages (/status, the acknowledge pages): invisible and bidi controls removed, then
// escaped for HTML text and attribute values. The one escaper of server-rendered HTML.
import { neutraliseInvisible } from '@shared/text/invisible';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (s: string): string => neutraliseInvisible(s).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
