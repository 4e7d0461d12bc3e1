/**
 * What a pack may hold (README "Topic packs": the limits). A pack is untrusted input from a file a colleague
 * sent: these bounds keep a hostile or broken one from freezing the dashboard, filling storage or slowing every
 * page, and each refusal says which limit it hit. The bundled knowledge base is far inside them.
 */
export const LIMITS = {
  /** The file, in characters of text (about as many bytes for Latin text; a 50 MB file is refused unread). */
  fileChars: 20 * 1024 * 1024,
  /** Objects and arrays inside one another. The format needs 5; a deeper file is refused before it is parsed. */
  depth: 16,
  entitiesPerPack: 20_000,
  topicsPerPack: 100,
  namesPerEntity: 200,
  factsPerEntity: 500,
  sourcesPerEntity: 100,
  /** Any one text (a summary, a fact): cards stay short. */
  textChars: 5_000,
  /** A spelling, or a trigger pattern with its alternatives. */
  nameChars: 1_000,
  urlChars: 2_000,
  /** Packs installed at once, besides the bundled knowledge base and the reader's own entities. */
  installedPacks: 50,
} as const;
