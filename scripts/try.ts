import { rawKnowledgeBase } from '../lib/kb';
import { compileMatcherData, Matcher } from '../lib/match';
const { data, problems } = compileMatcherData(rawKnowledgeBase as any);
console.log(problems, data.phrases.length);
const m = new Matcher(data);
const text = process.argv[2] ?? '';
for (const x of m.scan(text)) console.log(x, JSON.stringify(text.slice(x.start, x.end)), data.entities[x.entity]!.id);
