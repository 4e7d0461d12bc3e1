/**
 * The annotate command on bad input (missing, a directory, a FIFO, binary, not UTF-8, huge): one clear
 * line on stderr, exit code 1, no hang. And its JSON contract on good input, for .txt and .html.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, MAX_INPUT_BYTES, readInputText } from '../../scripts/read-input';

const dir = mkdtempSync(join(tmpdir(), 'backstory-annotate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Runs the real command, as a user or another tool would. */
function annotateCli(...args: string[]): { status: number | null; stdout: string; stderr: string; timedOut: boolean } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/annotate.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, timedOut: result.error !== undefined };
}

interface Output {
  mentions: { entity: string; start: number; end: number; text: string }[];
}

const ARTICLE =
  'Alexander Lukashenko met the envoy. Sviatlana Tsikhanouskaya said that Ales Bialiatski and Viasna ' +
  'colleagues remain in prison — «Лукашэнка» — 🇧🇾 emoji before Lukashenko.';

describe('readInputText refuses what it cannot read, with one clear line', () => {
  const refusal = async (path: string): Promise<string> => {
    const error = await readInputText(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).not.toContain('\n');
    expect(message.startsWith(path)).toBe(true);
    return message;
  };

  it('a missing file', async () => {
    expect(await refusal(join(dir, 'nope.txt'))).toMatch(/no such file/);
  });

  it('a directory', async () => {
    const sub = join(dir, 'folder.txt');
    mkdirSync(sub, { recursive: true });
    expect(await refusal(sub)).toMatch(/is a directory/);
  });

  it('a FIFO, which would block a reader forever', async () => {
    const fifo = join(dir, 'pipe.txt');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) return; // no mkfifo here (not Linux or macOS)
    expect(await refusal(fifo)).toMatch(/not a regular file/);
  });

  it('a binary file', async () => {
    const png = file('image.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect(await refusal(png)).toMatch(/binary/);
  });

  it('text that is not UTF-8 (Latin-1, a lone continuation byte, a truncated sequence)', async () => {
    expect(await refusal(file('latin1.txt', Buffer.from('Łukaszenka caf\xe9', 'latin1')))).toMatch(/not valid UTF-8/);
    expect(await refusal(file('lone.html', Uint8Array.from([0x41, 0x80, 0x42])))).toMatch(/not valid UTF-8/);
    expect(await refusal(file('cut.txt', Uint8Array.from([0x41, 0xe2, 0x82])))).toMatch(/not valid UTF-8/);
  });

  it('a file over the size limit, refused without reading it', async () => {
    // 64 GiB, sparse: reading it would outlast the test's timeout (or memory), so an answer at all
    // shows the size was checked first.
    const huge = file('huge.txt', '');
    truncateSync(huge, 64 * 1024 * 1024 * 1024);
    expect(await refusal(huge)).toMatch(/MiB; the limit is 32 MiB/);
    // Just over the limit is refused too; exactly at it is not (it is read, all NULs: binary).
    truncateSync(huge, MAX_INPUT_BYTES + 1);
    expect(await refusal(huge)).toMatch(/limit/);
    truncateSync(huge, MAX_INPUT_BYTES);
    expect(await refusal(huge)).toMatch(/binary/);
    rmSync(huge);
  });
});

describe('the annotate command', () => {
  it('bad input: one line on stderr, nothing on stdout, exit code 1', () => {
    const huge = file('huge-cli.html', '');
    truncateSync(huge, 100 * 1024 * 1024);
    const cases = [
      join(dir, 'missing.txt'),
      dir,
      file('bin.txt', Uint8Array.from([0, 1, 2, 3])),
      file('bad.txt', Uint8Array.from([0xff, 0xfe, 0x41])),
      huge,
    ];
    for (const path of cases) {
      const { status, stdout, stderr, timedOut } = annotateCli(path);
      expect(timedOut).toBe(false);
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toContain(path);
    }
    rmSync(huge);
  }, 120_000);

  it('no argument, or two without --jsonl: the usage line and exit code 1', () => {
    for (const args of [[], ['a.txt', 'b.txt'], ['--jsonl']]) {
      const { status, stderr } = annotateCli(...args);
      expect(status).toBe(1);
      expect(stderr).toMatch(/^usage: /);
    }
  }, 60_000);

  it('a .txt file: one JSON object, offsets are UTF-16 offsets into the file text', () => {
    const path = file('article.txt', ARTICLE);
    const { status, stdout, stderr } = annotateCli(path);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    const output = JSON.parse(stdout) as Output;
    expect(Object.keys(output)).toEqual(['mentions']);
    const entities = new Set(output.mentions.map((m) => m.entity));
    for (const id of ['alexander-lukashenko', 'sviatlana-tsikhanouskaya', 'ales-bialiatski', 'viasna']) expect(entities).toContain(id);
    let previousEnd = 0;
    for (const m of output.mentions) {
      expect(Object.keys(m).sort()).toEqual(['end', 'entity', 'start', 'text']); // no mention here lies inside another
      expect(m.entity).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(Number.isInteger(m.start) && Number.isInteger(m.end)).toBe(true);
      expect(m.start).toBeGreaterThanOrEqual(previousEnd);
      expect(m.end).toBeGreaterThan(m.start);
      expect(ARTICLE.slice(m.start, m.end)).toBe(m.text);
      previousEnd = m.end;
    }
    // The mention after the emoji (two UTF-16 code units per flag letter) is still placed right.
    const last = output.mentions.at(-1)!;
    expect(last.text).toBe('Lukashenko');
    expect(last.start).toBe(ARTICLE.lastIndexOf('Lukashenko'));
  }, 60_000);

  it('an .html file: offsets into the scanned text (paragraphs joined by a blank line), scripts skipped', async () => {
    const html =
      '<!doctype html><html><head><title>Lukashenko in the title</title><script>var x = "Viasna";</script></head>' +
      '<body><h1>News</h1><p><b>Ales</b> Bialiatski &amp; <i>Viasna</i></p><p>Then Tsikhanouskaya spoke.</p></body></html>';
    const path = file('article.html', html);
    const { status, stdout } = annotateCli(path);
    expect(status).toBe(0);
    const output = JSON.parse(stdout) as Output;
    const text = await readInputText(path);
    expect(text).toBe('News\n\nAles Bialiatski & Viasna\n\nThen Tsikhanouskaya spoke.');
    expect(output.mentions.map((m) => [m.entity, m.text])).toEqual([
      ['ales-bialiatski', 'Ales Bialiatski'],
      ['viasna', 'Viasna'],
      ['sviatlana-tsikhanouskaya', 'Tsikhanouskaya'],
    ]);
    for (const m of output.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  }, 60_000);

  it('--jsonl: one line per file, each file a document of its own; a name inside an event is listed with "within"', () => {
    const a = file('batch-a.txt', 'Maria Kolesnikova was freed.\n\nKolesnikova thanked her supporters.');
    const b = file('batch-b.txt', 'Kolesnikova won the sprint in Kazan.');
    const c = file('batch-c.html', '<p>Since the full-scale invasion of Ukraine, trade has fallen.</p>');
    const { status, stdout, stderr } = annotateCli('--jsonl', a, b, c);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Output & { file: string });
    expect(lines.map((l) => l.file)).toEqual([a, b, c]);
    // The full name in file a licenses the surname in a, not the one in b.
    expect(lines[0]!.mentions.map((m) => m.text)).toEqual(['Maria Kolesnikova', 'Kolesnikova']);
    expect(lines[1]!.mentions).toEqual([]);
    expect(lines[2]!.mentions.map((m) => [m.entity, m.text, (m as { within?: string }).within])).toEqual([
      ['russian-invasion-of-ukraine', 'full-scale invasion of Ukraine', undefined],
      ['ukraine', 'Ukraine', 'russian-invasion-of-ukraine'],
    ]);
  }, 60_000);

  it('--jsonl with a file it cannot read: one line on stderr, nothing on stdout, exit code 1', () => {
    const good = file('batch-good.txt', 'Lukashenko spoke.');
    const missing = join(dir, 'batch-missing.txt');
    const { status, stdout, stderr } = annotateCli('--jsonl', good, missing);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(missing);
  }, 60_000);
});

describe('annotate --pack', () => {
  const EXAMPLE = 'docs/example-pack.json';
  const TEXT = 'Ina Prykladava faced Judge Uzorau in Hrodna. Lukashenko was not in the room.';

  it('adds the pack to the bundled KB: its entities by their full ids, the bundled ones as before', () => {
    const path = file('pack-article.txt', TEXT);
    const { status, stdout, stderr } = annotateCli('--pack', EXAMPLE, path);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const output = JSON.parse(stdout) as Output;
    expect(output.mentions.map((m) => [m.entity, m.text])).toEqual([
      ['example-court-watch/ina-prykladava', 'Ina Prykladava'],
      ['example-court-watch/paval-uzorau', 'Judge Uzorau'],
      ['hrodna', 'Hrodna'],
      ['alexander-lukashenko', 'Lukashenko'],
    ]);
    // Without the pack, only the bundled entities.
    expect((JSON.parse(annotateCli(path).stdout) as Output).mentions.map((m) => m.entity)).toEqual(['hrodna', 'alexander-lukashenko']);
  }, 60_000);

  it('takes several packs, before --jsonl and its files', () => {
    const second = file(
      'second-pack.json',
      JSON.stringify({
        backstoryPack: 1,
        id: 'second',
        title: 'Second',
        version: '1',
        asOf: '2026-11-30',
        topics: [{ id: 't', label: 'T' }],
        entities: [
          {
            id: 'uzorau-court',
            type: 'organisation',
            name: 'Uzorau District Court',
            names: [{ text: 'Uzorau District Court' }],
            description: 'A made-up court.',
            facts: [],
            sources: [],
            topics: ['t'],
            related: ['example-court-watch/paval-uzorau'],
          },
        ],
      }),
    );
    const a = file('pack-a.txt', 'The Uzorau District Court sat again.');
    const { status, stdout, stderr } = annotateCli('--pack', EXAMPLE, '--pack', second, '--jsonl', a);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as Output).mentions.map((m) => m.entity)).toEqual(['second/uzorau-court']);
  }, 60_000);

  it('a bad pack: one line that says which file and what is wrong, nothing on stdout, exit code 1', () => {
    const text = file('pack-text.txt', TEXT);
    const bad = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { entities: { sources: { url: string }[] }[] };
    bad.entities[1]!.sources[0]!.url = 'javascript:alert(1)';
    const cases: [string, RegExp][] = [
      [file('hostile.json', JSON.stringify(bad)), /entities\[1\] "paval-uzorau": sources\[0\]\.url: links must use https/],
      [file('not-json.json', '{"backstoryPack": 1,'), /not a usable pack: not JSON/],
      [file('not-a-pack.json', '{"mentions": []}'), /not a usable pack: not a Backstory pack/],
      [file('deep.json', `{"backstoryPack":1,"x":${'['.repeat(50)}${']'.repeat(50)}}`), /nest more than 16 deep/],
      [join(dir, 'no-such-pack.json'), /no such file/],
    ];
    for (const [pack, reason] of cases) {
      const { status, stdout, stderr } = annotateCli('--pack', pack, text);
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr.startsWith(pack)).toBe(true);
      expect(stderr).toMatch(reason);
    }
  }, 120_000);

  it('the same pack twice, or --pack without a file: refused', () => {
    const text = file('pack-twice.txt', TEXT);
    const twice = annotateCli('--pack', EXAMPLE, '--pack', EXAMPLE, text);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/a pack with the id "example-court-watch" was given before it/);
    expect(annotateCli(text, '--pack').stderr).toMatch(/^usage: /);
  }, 60_000);
});
