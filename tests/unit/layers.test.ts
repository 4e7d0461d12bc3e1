/**
 * The layer rule of DESIGN.md, checked by a machine (as Dark Reader keeps its layering in lint zones):
 * a file imports only from its own layer or the layers below it, and the lower layers stay free of the
 * APIs that belong higher up. A rule that lives only in prose erodes one import at a time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/** Lowest first; a path belongs to the first layer whose prefix it starts with. */
const LAYERS: { name: string; prefixes: string[] }[] = [
  {
    name: 'pure',
    prefixes: ['lib/kb/', 'lib/match/', 'lib/packs/', 'lib/notes/', 'lib/anchor/', 'lib/settings.ts', 'lib/eval.ts', 'lib/diagnostics.ts'],
  },
  { name: 'dom', prefixes: ['lib/dom/', 'lib/annotate.ts'] },
  { name: 'ext', prefixes: ['lib/ext/'] },
  { name: 'components', prefixes: ['components/'] },
  { name: 'entrypoints', prefixes: ['entrypoints/'] },
];

/** Packages (and WXT's virtual modules) that only the extension layer and the entrypoints may use. */
const EXTENSION_MODULES = /^(#imports|wxt\/|webextension-polyfill|@wxt-dev\/|@webext-core\/)/;
/** WXT auto-imports these without an import line, so the import check alone cannot see them. */
const EXTENSION_GLOBALS = /(?<![.\w$])(browser|chrome|storage)\s*\.\s*[a-zA-Z]/;
/** The pure layer runs in Node without fakes: no document, window or DOM constructors. */
const DOM_GLOBALS = /(?<![.\w$'"])(document|window|navigator|CSS|NodeFilter|MutationObserver|requestAnimationFrame)\b(?!\s*:)/;

function layerOf(path: string): number {
  return LAYERS.findIndex((layer) => layer.prefixes.some((prefix) => path.startsWith(prefix)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'data' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Code without comments and string contents, so that prose about `document` is not taken for a use. */
function codeOf(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, '``')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''")
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""');
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

function importsOf(text: string): Import[] {
  const found: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    found.push({ specifier: m[3]!, typeOnly: m[2] !== undefined });
  }
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: m[1]!, typeOnly: false });
  return found;
}

interface Violation {
  file: string;
  rule: string;
}

/** Checks one file's text against the rule for the layer its path is in. */
function checkFile(file: string, text: string): Violation[] {
  const own = layerOf(file);
  const violations: Violation[] = [];
  for (const { specifier, typeOnly } of importsOf(text)) {
    if (specifier.startsWith('.')) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).replaceAll('\\', '/');
      const layer = layerOf(target.endsWith('.ts') || target.endsWith('.tsx') ? target : `${target}/`);
      const layerOrFile = layer >= 0 ? layer : layerOf(`${target}.ts`);
      if (layerOrFile > own) violations.push({ file, rule: `imports ${specifier} from a higher layer (${LAYERS[layerOrFile]!.name})` });
      // Components are driven by props: they may name the protocol's types, never send or store.
      if (LAYERS[own]!.name === 'components' && LAYERS[layerOrFile]?.name === 'ext' && !typeOnly) {
        violations.push({ file, rule: `components may import only types from ${specifier}` });
      }
    } else if (EXTENSION_MODULES.test(specifier) && own < 2 && !typeOnly) {
      violations.push({ file, rule: `imports the extension module ${specifier} below the extension layer` });
    } else if (EXTENSION_MODULES.test(specifier) && LAYERS[own]!.name === 'components' && !typeOnly) {
      violations.push({ file, rule: `components import the extension module ${specifier}` });
    }
  }
  const code = codeOf(text);
  if (own < 2 || LAYERS[own]!.name === 'components') {
    const use = EXTENSION_GLOBALS.exec(code);
    if (use) violations.push({ file, rule: `uses the extension API (${use[1]}.…) below the extension layer` });
  }
  if (own === 0) {
    const use = DOM_GLOBALS.exec(code);
    if (use) violations.push({ file, rule: `uses the DOM (${use[1]}) in the pure layer` });
  }
  return violations;
}

const files = ['lib', 'components', 'entrypoints'].flatMap(sourceFiles);

describe('the layer rule (DESIGN.md, "Layering")', () => {
  it('every source file belongs to a layer', () => {
    expect(files.filter((f) => layerOf(f) < 0)).toEqual([]);
    expect(files.length).toBeGreaterThan(50);
  });

  it('no file imports from a layer above its own, and the lower layers use no extension or DOM API', () => {
    expect(files.flatMap((f) => checkFile(f, readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });

  it('catches each kind of break (the check itself can fail)', () => {
    expect(checkFile('lib/match/x.ts', "import { a } from '../dom/text-index';").map((v) => v.rule)).toEqual([
      'imports ../dom/text-index from a higher layer (dom)',
    ]);
    expect(checkFile('lib/dom/x.ts', "import { a } from '../ext/settings';")).toHaveLength(1);
    expect(checkFile('lib/ext/x.ts', "import { Card } from '../../components/Card';")).toHaveLength(1);
    expect(checkFile('components/X.tsx', "import { toBackground } from '../lib/ext/messages';")).toHaveLength(1);
    expect(checkFile('components/X.tsx', "import type { EntityCard } from '../lib/ext/messages';")).toEqual([]);
    expect(checkFile('lib/kb/x.ts', "import { browser } from 'wxt/browser';")).toHaveLength(1);
    expect(checkFile('lib/kb/x.ts', 'const n = await browser.storage.local.get();')).toHaveLength(1);
    expect(checkFile('components/X.tsx', 'storage.defineItem("local:x");')).toHaveLength(1);
    expect(checkFile('lib/notes/x.ts', 'const t = document.title;')).toHaveLength(1);
    expect(checkFile('lib/notes/x.ts', '// the document is read elsewhere\nconst title = "document";')).toEqual([]);
    expect(checkFile('entrypoints/popup/main.tsx', "import { Popup } from '../../components/Popup';")).toEqual([]);
  });
});
