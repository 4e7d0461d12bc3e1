/**
 * Every id is namespaced by its pack: an entity "jane-doe" of the pack "belarus-courts" is
 * "belarus-courts/jane-doe" everywhere outside the file (notes, pins, topic switches, annotate's output).
 * The bundled knowledge base is the pack "backstory"; its ids predate packs and are a contract
 * (DESIGN.md), so they stay bare: "backstory/alexander-lukashenko" is "alexander-lukashenko".
 */

/** The bundled knowledge base, as a pack. No imported pack may take this id. */
export const BUNDLED_PACK = 'backstory';
/** The reader's own entities ("Add to Backstory…"), kept as a pack of their own. */
export const PERSONAL_PACK = 'personal';

/** The full id of a reference written in a pack: its own id, or one that names another pack. */
export function fullId(packId: string, ref: string): string {
  const slash = ref.indexOf('/');
  if (slash >= 0) return ref.slice(0, slash) === BUNDLED_PACK ? ref.slice(slash + 1) : ref;
  return packId === BUNDLED_PACK ? ref : `${packId}/${ref}`;
}

/** The id as written inside its own pack. */
export function localId(id: string): string {
  const slash = id.indexOf('/');
  return slash >= 0 ? id.slice(slash + 1) : id;
}

/** The pack an entity or topic comes from. */
export function packOf(id: string): string {
  const slash = id.indexOf('/');
  return slash >= 0 ? id.slice(0, slash) : BUNDLED_PACK;
}
