/** Reading, changing and following the settings record (declared in lib/ext/records.ts). */
import { type Settings, withDefaults } from '../settings';
import { settingsItem } from './records';

export async function readSettings(): Promise<Settings> {
  return withDefaults(await settingsItem().getValue());
}

export async function updateSettings(change: (current: Settings) => Partial<Settings>): Promise<Settings> {
  const current = await readSettings();
  const next = { ...current, ...change(current) };
  await settingsItem().setValue(next);
  return next;
}

export function watchSettings(callback: (settings: Settings) => void): () => void {
  return settingsItem().watch((value) => callback(withDefaults(value)));
}
