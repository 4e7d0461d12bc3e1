/**
 * npm run --silent annotate -- [--pack PACK.json]... <file>
 * Prints {"mentions":[{"entity","start","end","text"}]} for a .txt or .html file, using the same KB
 * and matcher as the content script. Offsets are UTF-16 code units into the scanned text. A mention that
 * lies inside another (a name inside an event) follows it and carries "within": the outer mention's entity.
 *
 * npm run --silent annotate -- [--pack PACK.json]... --jsonl <file>...
 * Prints one line per file, {"file":"…","mentions":[…]}, each file a document of its own. A file that
 * cannot be read stops the run with a one-line error (and exit code 1) before anything is printed.
 *
 * `--pack` (repeatable) adds a topic pack (README "Topic packs") to the bundled KB; its entities are reported
 * by their full ids ("pack-id/entity-id"). A pack that is refused, or that has an entity rejected, stops the
 * run the same way: the output never silently lacks what the pack was meant to find.
 */
import { annotate } from '../lib/annotate';
import { KnowledgeBaseError, loadKnowledgeBase } from '../lib/kb';
import { buildMatcherData, Matcher } from '../lib/match';
import { mergePacks } from '../lib/packs/convert';
import { describeRejection } from '../lib/packs/parse';
import { planPackImport } from '../lib/packs/plan';
import type { Pack } from '../lib/packs/schema';
import { InputError, readInput, type InputDocument } from './read-input';

const USAGE =
  'usage: npm run --silent annotate -- [--pack PACK.json]... <file.txt|file.html>  |  [--pack PACK.json]... --jsonl <file>...\n';

interface Args {
  jsonl: boolean;
  packs: string[];
  files: string[];
}

function parseArgs(args: string[]): Args | null {
  const parsed: Args = { jsonl: false, packs: [], files: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--jsonl') parsed.jsonl = true;
    else if (arg === '--pack') {
      const file = args[++i];
      if (file === undefined || file.startsWith('--')) return null;
      parsed.packs.push(file);
    } else if (arg.startsWith('--')) return null;
    else parsed.files.push(arg);
  }
  if (parsed.files.length === 0 || (!parsed.jsonl && parsed.files.length !== 1)) return null;
  return parsed;
}

/** Reads and checks each pack as an import would; the first problem stops the run. */
async function loadPacks(files: string[], warn: (line: string) => void): Promise<Pack[]> {
  const bundled = loadKnowledgeBase();
  const packs: Pack[] = [];
  for (const file of files) {
    const { text } = await readInput(file);
    const plan = planPackImport(text, bundled, packs);
    if (!plan.ok) throw new InputError(`${file}: not a usable pack: ${plan.error}`);
    if (packs.some((p) => p.id === plan.pack.id)) throw new InputError(`${file}: a pack with the id "${plan.pack.id}" was given before it`);
    const { rejected, clashes } = plan.report;
    if (rejected.length > 0) {
      const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more rejected)` : '';
      throw new InputError(`${file}: ${describeRejection(rejected[0]!)}${more}`);
    }
    for (const clash of clashes.filter((c) => !c.pageDecides)) {
      warn(`${file}: "${clash.spelling}" is a spelling of both "${clash.entity}" and "${clash.other}"`);
    }
    packs.push(plan.pack);
  }
  return packs;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    process.stderr.write(USAGE);
    return 1;
  }
  try {
    const warnings: string[] = [];
    const packs = await loadPacks(args.packs, (line) => warnings.push(line));
    // Every file is read (and refused, if it must be) before any output: a batch is all or nothing.
    const documents: InputDocument[] = [];
    for (const file of args.files) documents.push(await readInput(file));
    const kb = packs.length > 0 ? mergePacks(loadKnowledgeBase(), packs).kb : loadKnowledgeBase();
    const matcher = new Matcher(buildMatcherData(kb).data);
    const lines = documents.map((doc, i) => {
      const { mentions } = annotate(matcher, doc.text, doc.segments);
      return JSON.stringify(args.jsonl ? { file: args.files[i], mentions } : { mentions });
    });
    for (const warning of warnings) process.stderr.write(`annotate: warning: ${warning}\n`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    const message =
      error instanceof InputError
        ? error.message
        : error instanceof KnowledgeBaseError
          ? `annotate failed: invalid knowledge base: ${error.problems.join('; ')}`
          : `annotate failed: ${String((error as Error).message).split('\n')[0]}`;
    process.stderr.write(`${message.split('\n')[0]}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
