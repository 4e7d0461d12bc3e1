/**
 * npm run --silent annotate -- <file>
 * Prints {"mentions":[{"entity","start","end","text"}]} for a .txt or .html file, using the same KB
 * and matcher as the content script. Offsets are UTF-16 code units into the scanned text. A mention that
 * lies inside another (a name inside an event) follows it and carries "within": the outer mention's entity.
 *
 * npm run --silent annotate -- --jsonl <file>...
 * Prints one line per file, {"file":"…","mentions":[…]}, each file a document of its own. A file that
 * cannot be read stops the run with a one-line error (and exit code 1) before anything is printed.
 */
import { annotate } from '../lib/annotate';
import { KnowledgeBaseError, loadKnowledgeBase } from '../lib/kb';
import { buildMatcherData, Matcher } from '../lib/match';
import { InputError, readInput, type InputDocument } from './read-input';

const USAGE = 'usage: npm run --silent annotate -- <file.txt|file.html>  |  --jsonl <file>...\n';

async function main(args: string[]): Promise<number> {
  const jsonl = args[0] === '--jsonl';
  const files = jsonl ? args.slice(1) : args;
  if (files.length === 0 || (!jsonl && files.length !== 1) || files.some((f) => f.startsWith('--'))) {
    process.stderr.write(USAGE);
    return 1;
  }
  try {
    // Every file is read (and refused, if it must be) before any output: a batch is all or nothing.
    const documents: InputDocument[] = [];
    for (const file of files) documents.push(await readInput(file));
    const matcher = new Matcher(buildMatcherData(loadKnowledgeBase()).data);
    const lines = documents.map((doc, i) => {
      const { mentions } = annotate(matcher, doc.text, doc.segments);
      return JSON.stringify(jsonl ? { file: files[i], mentions } : { mentions });
    });
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    const message =
      error instanceof InputError
        ? error.message
        : error instanceof KnowledgeBaseError
          ? `annotate failed: invalid knowledge base: ${error.problems.join('; ')}`
          : `annotate failed: ${String((error as Error).message).split('\n')[0]}`;
    process.stderr.write(`${message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
