/**
 * Who may send each message, in one table beside the protocol (lib/ext/messages.ts), checked in one
 * place. Dark Reader's messenger lists its allowed senders once in the same way; before this, each
 * handler repeated its own `sender.id` test, and nothing kept a new handler from forgetting it.
 */

/**
 * - `extension`: Backstory's own pages (popup, dashboard, side panel) and its service worker: documents
 *   that web pages cannot script.
 * - `content`: Backstory's content scripts. They run beside pages that may be hostile, so they never
 *   read or change note text, drafts or exports.
 * Web pages and other extensions are never allowed.
 */
export type SenderKind = 'extension' | 'content';

/** Every message of a protocol with the senders it accepts; a message without an entry does not compile. */
export type SenderPolicy<Protocol> = { readonly [Type in keyof Protocol]-?: readonly SenderKind[] };

export interface SenderLike {
  id?: string;
  url?: string;
}

/** What sent a message, from the browser's own account of the sender (a page cannot forge `id` or `url`). */
export function senderKind(sender: SenderLike, own: { id: string; origin: string }): SenderKind | null {
  if (sender.id !== own.id) return null;
  return sender.url?.startsWith(own.origin) ? 'extension' : 'content';
}

export class SenderRefused extends Error {
  constructor(type: string, kind: SenderKind | null) {
    super(
      `"${type}" does not take messages from ${kind === null ? 'outside Backstory' : `a ${kind === 'content' ? 'content script' : 'Backstory page'}`}`,
    );
    this.name = 'SenderRefused';
  }
}

/** Throws SenderRefused unless the policy lets this sender send `type`. */
export function checkSender<Protocol>(
  policy: SenderPolicy<Protocol>,
  type: keyof Protocol & string,
  sender: SenderLike,
  own: { id: string; origin: string },
): SenderKind {
  const kind = senderKind(sender, own);
  if (kind === null || !policy[type].includes(kind)) throw new SenderRefused(type, kind);
  return kind;
}
