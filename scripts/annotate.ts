/**
 * npm run --silent annotate -- <file>
 * Prints {"mentions":[{"entity","start","end","text"}]} for a .txt or .html file, using the same KB
 * and matcher as the content script. Offsets are UTF-16 code units into the scanned text.
 */
import { annotate } from '../lib/annotate';
import { KnowledgeBaseError, loadKnowledgeBase } from '../lib/kb';
import { compileMatcherData, Matcher } from '../lib/match';
import { InputError, readInputText } from './read-input';

async function main(args: string[]): Promise<number> {
  if (args.length !== 1) {
    process.stderr.write('usage: npm run --silent annotate -- <file.txt|file.html>\n');
    return 1;
  }
  try {
    const text = await readInputText(args[0]!);
    const matcher = new Matcher(compileMatcherData(loadKnowledgeBase()).data);
    process.stdout.write(`${JSON.stringify(annotate(matcher, text))}\n`);
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
