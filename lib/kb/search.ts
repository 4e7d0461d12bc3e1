/**
 * Search over the knowledge base by any name or spelling. Pure: it folds case and diacritics the way
 * the matcher does (lib/match), so "lukasenka", "Лукашенко" and "Łukaszenka" all find Lukashenko.
 *
 * Ranking, best first: a whole spelling; a spelling that starts with the query; a word of a spelling
 * that starts with the query; every query word starting a word of one spelling (any order); the query
 * anywhere inside a spelling; a declined form of a spelling ("Łukaszenki", "Тихановской"); and last,
 * the words of the one-line description ("president", "potash").
 */
import { foldWord, readWord, wordValue } from '../match/tokens';

/** What search needs of an entity. */
export interface SearchDoc {
  id: string;
  /** Canonical English name. */
  name: string;
  /** Every spelling of the entity: native names and the KB `names`. The name need not be repeated. */
  spellings: readonly string[];
  /** One-line description; its words rank below every name. */
  description?: string;
}

export interface SearchHit {
  id: string;
  name: string;
  /** The spelling that matched, when it is not the name itself (shown so the user sees why it matched). */
  matched?: string;
  /** Whether only the description matched, not a name. */
  byDescription: boolean;
  score: number;
}

/** The folded words of a text: case and diacritics gone, punctuation and spaces are word breaks. */
export function foldedWords(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    const value = wordValue(text, i);
    if (value > 0) {
      const word = readWord(text, i);
      const folded = foldWord(text, word.start, word.end);
      if (folded) words.push(folded);
      i = Math.max(word.end, i + 1);
    } else {
      i++;
    }
  }
  return words;
}

/** A text folded for search: its folded words joined by single spaces. */
export function foldForSearch(text: string): string {
  return foldedWords(text).join(' ');
}

interface PreparedSpelling {
  text: string;
  folded: string;
  words: string[];
  isName: boolean;
}

interface PreparedDoc {
  doc: SearchDoc;
  spellings: PreparedSpelling[];
  descriptionWords: string[];
}

const SCORE = {
  exact: 100,
  prefix: 90,
  wordPrefix: 75,
  allWords: 60,
  substring: 45,
  stem: 40,
  description: 15,
} as const;

/** Shortest query word that may match a word of a description ("min" would find every "Minsk"). */
const MIN_DESCRIPTION_WORD = 4;
/** Shortest stem a declined query word is cut down to. */
const MIN_STEM = 5;
/** Most letters cut from the end of a declined query word. */
const MAX_CUT = 3;

function startsWord(haystack: string, needle: string): boolean {
  let at = haystack.indexOf(needle);
  while (at >= 0) {
    if (at === 0 || haystack.charCodeAt(at - 1) === 32) return true;
    at = haystack.indexOf(needle, at + 1);
  }
  return false;
}

function everyWordPrefixes(queryWords: readonly string[], words: readonly string[]): boolean {
  return queryWords.every((q) => words.some((w) => w.startsWith(q)));
}

/** How one spelling matches the query: its kind (a SCORE value, 0 for none) and its score within the kind. */
function scoreSpelling(spelling: PreparedSpelling, query: string, queryWords: readonly string[]): [number, number] {
  const s = spelling.folded;
  if (s === query) return [SCORE.exact, SCORE.exact];
  // Among prefixes, the closer the spelling is to the query the better ("min" → "Minsk" before "Minsk Region").
  if (s.startsWith(query)) return [SCORE.prefix, SCORE.prefix - Math.min(9, (s.length - query.length) / 4)];
  if (startsWord(s, query)) return [SCORE.wordPrefix, SCORE.wordPrefix];
  if (queryWords.length > 1 && everyWordPrefixes(queryWords, spelling.words)) return [SCORE.allWords, SCORE.allWords];
  if (query.length >= 3 && s.includes(query)) return [SCORE.substring, SCORE.substring];
  return [0, 0];
}

/** The query with its last word cut back, for declined forms: "лукашэнкам" → "лукашэнк", "лукашэн". */
function stems(queryWords: readonly string[]): { query: string; cut: number }[] {
  const last = queryWords[queryWords.length - 1];
  if (!last) return [];
  const out: { query: string; cut: number }[] = [];
  for (let cut = 1; cut <= MAX_CUT && last.length - cut >= MIN_STEM; cut++) {
    out.push({ query: [...queryWords.slice(0, -1), last.slice(0, -cut)].join(' '), cut });
  }
  return out;
}

export class KnowledgeBaseSearch {
  private readonly docs: PreparedDoc[];

  constructor(docs: readonly SearchDoc[]) {
    this.docs = docs.map((doc) => {
      const seen = new Set<string>();
      const spellings: PreparedSpelling[] = [];
      for (const [index, text] of [doc.name, ...doc.spellings].entries()) {
        const words = foldedWords(text);
        const folded = words.join(' ');
        if (!folded || seen.has(folded)) continue;
        seen.add(folded);
        spellings.push({ text, folded, words, isName: index === 0 });
      }
      return { doc, spellings, descriptionWords: doc.description ? foldedWords(doc.description) : [] };
    });
  }

  /** The entities whose names match the query, best first; an empty query finds nothing. */
  search(query: string, limit = 20): SearchHit[] {
    const queryWords = foldedWords(query);
    const folded = queryWords.join(' ');
    if (!folded) return [];
    const queryStems = stems(queryWords);
    const hits: SearchHit[] = [];
    for (const { doc, spellings, descriptionWords } of this.docs) {
      let best: { kind: number; score: number; spelling: PreparedSpelling } | null = null;
      const name = spellings.find((sp) => sp.isName)?.folded ?? '';
      // A spelling the name already shows ("Tsikhanouski" in "Siarhei Tsikhanouski") needs no mention.
      const inName = (spelling: PreparedSpelling) => spelling.isName || name.includes(spelling.folded);
      for (const spelling of spellings) {
        let [kind, score] = scoreSpelling(spelling, folded, queryWords);
        if (kind === 0) {
          for (const stem of queryStems) {
            if (startsWord(spelling.folded, stem.query)) {
              kind = SCORE.stem;
              // A declined surname alone ("Łukaszenki") is first the person the surname alone names (a
              // spelling that starts with it), before a relative whose full name ends with it.
              score = SCORE.stem - stem.cut + (spelling.folded.startsWith(stem.query) ? 0.25 : 0);
              break;
            }
          }
        }
        if (kind === 0) continue;
        if (spelling.isName) score += 0.5;
        if (!best || kind > best.kind) {
          best = { kind, score, spelling };
        } else if (kind === best.kind) {
          // Of two spellings that match alike, show the one the name already shows ("Lukashenko", not "Łukašenka").
          const preferred: boolean = inName(spelling) === inName(best.spelling) ? score > best.score : inName(spelling);
          best = { kind, score: Math.max(score, best.score), spelling: preferred ? spelling : best.spelling };
        }
      }
      if (best) {
        const matched = inName(best.spelling) ? undefined : best.spelling.text;
        hits.push({ id: doc.id, name: doc.name, matched, byDescription: false, score: best.score });
        continue;
      }
      const meaningful = queryWords.filter((w) => w.length >= MIN_DESCRIPTION_WORD);
      if (meaningful.length > 0 && meaningful.length === queryWords.length && everyWordPrefixes(queryWords, descriptionWords)) {
        hits.push({ id: doc.id, name: doc.name, byDescription: true, score: SCORE.description });
      }
    }
    hits.sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.name.localeCompare(b.name));
    return hits.slice(0, limit);
  }
}
