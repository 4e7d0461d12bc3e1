// @vitest-environment happy-dom
/** The dashboard's components: a failed save keeps the text and shows why; 10,000 notes render as a few rows. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteEditor } from '../../components/NoteEditor';
import { NotesList } from '../../components/NotesList';
import type { SaveResult } from '../../lib/ext/notes-store';
import { passageNote } from '../helpers/notes';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});
function mount(vnode: preact.ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(vnode, root));
  return root;
}
const flush = () => act(async () => await new Promise((r) => setTimeout(r, 0)));

describe('the note editor', () => {
  it('keeps the typed text and shows the error when saving fails', async () => {
    const note = passageNote();
    let saved: SaveResult = {
      ok: false,
      error: 'Backstory could not save this note: the browser’s storage for Backstory is full. Your text is still here.',
    };
    const typed: string[] = [];
    const el = mount(
      <NoteEditor
        mode="edit"
        note={note}
        initialBody={note.body}
        entityName={(id) => id}
        onBodyChange={(b) => typed.push(b.text)}
        onSave={async () => saved}
      />,
    );
    const textarea = el.querySelector('textarea')!;
    act(() => {
      textarea.value = 'My new words <script>alert(1)</script>';
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(typed.at(-1)).toBe('My new words <script>alert(1)</script>');
    act(() => (el.querySelector('button.primary') as HTMLButtonElement).click());
    await flush();
    expect(el.querySelector('[role="alert"]')!.textContent).toMatch(/storage for Backstory is full/);
    expect(el.querySelector('textarea')!.value).toBe('My new words <script>alert(1)</script>');
    expect(el.querySelector('script')).toBeNull();
    saved = { ok: true, note };
    act(() => (el.querySelector('button.primary') as HTMLButtonElement).click());
    await flush();
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(el.querySelector('[role="status"]')!.textContent).toBe('Saved');
  });

  it('offers "Save anyway" on a conflict with another tab', async () => {
    const note = passageNote();
    const el = mount(
      <NoteEditor
        mode="edit"
        note={note}
        initialBody={note.body}
        entityName={(id) => id}
        onBodyChange={() => undefined}
        onSave={async () => ({
          ok: false,
          error: 'This note was changed in another tab since you opened it. Your text is still here.',
          conflict: note,
        })}
      />,
    );
    act(() => (el.querySelector('button.primary') as HTMLButtonElement).click());
    await flush();
    expect([...el.querySelectorAll('button')].some((b) => b.textContent === 'Save anyway')).toBe(true);
  });

  it('saves against the version it opened, even after another tab changed the note', async () => {
    const note = passageNote();
    const bases: string[] = [];
    const props = {
      mode: 'edit' as const,
      initialBody: note.body,
      entityName: (id: string) => id,
      onBodyChange: () => undefined,
      onSave: async (_b: unknown, _f: boolean, base: string): Promise<SaveResult> => {
        bases.push(base);
        return { ok: false, error: 'This note was changed in another tab since you opened it. Your text is still here.', conflict: note };
      },
    };
    const el = mount(<NoteEditor key="n" note={note} {...props} />);
    const later = { ...note, modified: '2025-12-24T00:00:00.000Z', body: { ...note.body, text: 'theirs' } };
    act(() => render(<NoteEditor key="n" note={later} {...props} />, root));
    expect(el.textContent).toMatch(/changed in another tab/);
    act(() => (el.querySelector('button.primary') as HTMLButtonElement).click());
    await flush();
    expect(bases).toEqual([note.modified]);
  });
});

describe('the notes list', () => {
  it('renders only the rows in view, even for 10,000 notes', () => {
    const notes = Array.from({ length: 10_000 }, () => passageNote());
    const el = mount(
      <NotesList
        notes={notes}
        anchors={new Map()}
        selectedId={null}
        unsaved={new Set()}
        entityName={(id) => id}
        onSelect={() => undefined}
      />,
    );
    const rows = el.querySelectorAll('.note-row');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(60);
    expect((el.querySelector('.notes-list') as HTMLElement).style.height).toBe(`${10_000 * 86}px`);
  });

  it('is a listbox the keyboard moves through: every note, the focused one always drawn, Enter opens it', () => {
    const notes = Array.from({ length: 10_000 }, () => passageNote());
    const opened: [string, boolean][] = [];
    const el = mount(
      <NotesList
        notes={notes}
        anchors={new Map()}
        selectedId={null}
        unsaved={new Set()}
        entityName={(id) => id}
        onSelect={(id, how) => opened.push([id, how.keyboard])}
      />,
    );
    const listbox = el.querySelector('[role="listbox"]')!;
    expect(listbox.getAttribute('aria-label')).toBe('Notes');
    // One row takes Tab (roving tabindex); each says where it is in the whole list.
    const tabbable = el.querySelectorAll('[role="option"][tabindex="0"]');
    expect(tabbable).toHaveLength(1);
    expect(tabbable[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(tabbable[0]!.getAttribute('aria-setsize')).toBe('10000');
    const press = (key: string) =>
      act(() => void (document.activeElement ?? tabbable[0]!).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
    act(() => (tabbable[0] as HTMLElement).focus());
    press('End');
    expect(document.activeElement!.getAttribute('aria-posinset')).toBe('10000');
    expect(document.activeElement!.getAttribute('data-note-id')).toBe(notes[9999]!.id);
    press('ArrowUp');
    expect(document.activeElement!.getAttribute('aria-posinset')).toBe('9999');
    press('Home');
    expect(document.activeElement!.getAttribute('aria-posinset')).toBe('1');
    press('ArrowDown');
    press('Enter');
    expect(opened).toEqual([[notes[1]!.id, true]]);
    // Still only a few rows in the DOM.
    expect(el.querySelectorAll('[role="option"]').length).toBeLessThan(60);
  });
});
