/**
 * Just enough of a source map reader to name the functions of a minified bundle in a CPU profile:
 * maps a generated (line, column) back to the original file, line and the function declared there.
 */

export interface OriginalPosition {
  source: string;
  /** 0-based, as in the map and in V8's call frames. */
  line: number;
  column: number;
}

export interface SourceMapLookup {
  at(line: number, column: number): OriginalPosition | null;
  /** The name of the function that starts at an original position, read from the original source. */
  functionNameAt(position: OriginalPosition): string | null;
  /**
   * The function whose generated code starts at (line, column), as V8 reports it (at its parameter
   * list): where it is in the source, and its name when the source declares one there.
   */
  functionAt(line: number, column: number): { position: OriginalPosition; name: string | null } | null;
}

interface RawSourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, i) => [char, i]));

/** Segments per generated line: [generated column, source index, original line, original column]. */
function decodeMappings(mappings: string): number[][][] {
  const lines: number[][][] = [];
  let source = 0;
  let line = 0;
  let column = 0;
  for (const lineText of mappings.split(';')) {
    const segments: number[][] = [];
    let generated = 0;
    for (const segmentText of lineText.split(',')) {
      if (!segmentText) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segmentText) {
        const digit = DIGIT.get(char) ?? 0;
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      generated += fields[0] ?? 0;
      if (fields.length < 4) continue;
      source += fields[1]!;
      line += fields[2]!;
      column += fields[3]!;
      segments.push([generated, source, line, column]);
    }
    lines.push(segments);
  }
  return lines;
}

const NAME_PATTERNS = [
  /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([\w$]+)/,
  /^\s*(?:(?:static|async|get|set|private|public|protected|readonly|override)\s+)*\*?\s*(?:#)?([\w$]+)\s*[(<]/,
  /([\w$]+)\s*[:=]\s*(?:async\s*)?(?:function\b|\(|[\w$]+\s*=>)/,
  /function\s*\*?\s*([\w$]+)/,
];
const NOT_NAMES = new Set(['if', 'for', 'while', 'switch', 'return', 'new', 'catch', 'function', 'await', 'yield']);

export function readSourceMap(json: string): SourceMapLookup {
  const map = JSON.parse(json) as RawSourceMap;
  const lines = decodeMappings(map.mappings);
  const sourceLines = new Map<number, string[]>();
  const linesOf = (index: number) => {
    let cached = sourceLines.get(index);
    if (!cached) {
      cached = (map.sourcesContent?.[index] ?? '').split('\n');
      sourceLines.set(index, cached);
    }
    return cached;
  };
  const sourceIndex = new Map(map.sources.map((source, i) => [source, i]));
  const toPosition = (segment: number[]): OriginalPosition => ({
    source: map.sources[segment[1]!] ?? '?',
    line: segment[2]!,
    column: segment[3]!,
  });
  const lookup: SourceMapLookup = {
    at(line, column) {
      const segments = lines[line];
      if (!segments?.length) return null;
      // The last segment at or before the column; none before it: code of the bundler's own (its runtime helpers).
      if (segments[0]![0]! > column) return null;
      let low = 0;
      let high = segments.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (segments[mid]![0]! <= column) low = mid;
        else high = mid - 1;
      }
      return toPosition(segments[low]!);
    },
    functionNameAt(position) {
      const index = sourceIndex.get(position.source);
      if (index === undefined) return null;
      const text = linesOf(index)[position.line] ?? '';
      // From the mapped column first (one line may hold several functions), then the whole line.
      for (const candidate of [text.slice(position.column), text]) {
        for (const pattern of NAME_PATTERNS) {
          const name = pattern.exec(candidate)?.[1];
          if (name && !NOT_NAMES.has(name)) return name;
        }
      }
      return null;
    },
    functionAt(line, column) {
      const before = lookup.at(line, column);
      if (!before) return null;
      const named = lookup.functionNameAt(before);
      if (named) return { position: before, name: named };
      // The minifier may leave the function's own start unmapped (the segment before it is then the
      // previous statement's): its first parameter or statement is mapped into its source.
      const after = lines[line]?.find((segment) => segment[0]! > column);
      if (after) {
        const position = toPosition(after);
        const name = lookup.functionNameAt(position);
        if (name) return { position, name };
      }
      return { position: before, name: null };
    },
  };
  return lookup;
}
