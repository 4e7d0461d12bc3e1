/**
 * The baseline for the load bench: an MV3 extension whose content script does nothing, injected where
 * and when Backstory's is (same matches, frames and run_at, read from the built manifest). With it
 * loaded, the browser does everything it does for any content-script extension, and nothing else.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ContentScriptEntry {
  matches: string[];
  all_frames?: boolean;
  match_about_blank?: boolean;
  match_origin_as_fallback?: boolean;
  run_at?: string;
}

export async function makeEmptyExtension(builtDir: string): Promise<string> {
  const built = JSON.parse(await readFile(join(builtDir, 'manifest.json'), 'utf8')) as { content_scripts?: ContentScriptEntry[] };
  const like = built.content_scripts?.[0];
  const dir = await mkdtemp(join(tmpdir(), 'backstory-empty-extension-'));
  const manifest = {
    manifest_version: 3,
    name: 'Empty extension (bench baseline)',
    version: '1.0.0',
    host_permissions: ['<all_urls>'],
    // A worker, so that the launcher finds the extension the way it finds Backstory.
    background: { service_worker: 'background.js' },
    content_scripts: [
      {
        matches: like?.matches ?? ['<all_urls>'],
        all_frames: like?.all_frames ?? true,
        match_about_blank: like?.match_about_blank ?? true,
        match_origin_as_fallback: like?.match_origin_as_fallback ?? true,
        run_at: like?.run_at ?? 'document_idle',
        js: ['content.js'],
      },
    ],
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'background.js'), '// nothing to do\n');
  await writeFile(join(dir, 'content.js'), 'void 0;\n');
  return dir;
}
