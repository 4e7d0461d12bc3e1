/** The part of citation-js (a devDependency, for tests only) that the tests use; it ships no types. */
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    data: Record<string, unknown>[];
  }
  export const plugins: {
    input: {
      /** The format citation-js takes `data` for, e.g. "@ris/file". */
      type(data: unknown): string;
      /** One parsing step: a RIS file becomes its records, tag by tag. */
      chainLink(data: unknown): unknown;
    };
  };
}
declare module '@citation-js/plugin-ris';
