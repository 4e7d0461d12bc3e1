/**
 * One note, to read and edit: its passage (quote with context), page, entities, text, format and
 * tags. Saving is the caller's; when it fails, the text stays in the editor with the error beside
 * it. Props in, callbacks out. All text is rendered as text.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SaveResult } from '../lib/ext/notes-store';
import { parseTagList, siteOf, type AnchorState, type Note, type NoteBody, type NoteFormat } from '../lib/notes/model';

export interface NoteEditorProps {
  /** 'new': a draft not saved yet. */
  mode: 'new' | 'edit';
  note: Note;
  anchor?: AnchorState;
  /** The text to start from (a previous unsaved edit, or the note's own). */
  initialBody: NoteBody;
  entityName(id: string): string;
  onBodyChange(body: NoteBody): void;
  /** `baseModified`: the version this editor started from (a later one stored elsewhere is a conflict). */
  onSave(body: NoteBody, force: boolean, baseModified: string): Promise<SaveResult>;
  onDelete?(): void;
  onDiscard?(): void;
  onOpenPassage?(): void;
  onEntity?(id: string): void;
  onBack?(): void;
  /** Put the cursor in the note's text as it opens (the note was opened from the keyboard). */
  autoFocus?: boolean;
  /** Told once the editor took the focus that `autoFocus` asked for. */
  onAutoFocused?(): void;
}

/**
 * Context as it reads best: when it was cut from a longer text (32 characters or more), without the
 * word cut in half at its outer end ("omed the releases" → "…the releases").
 */
function wholeWords(context: string, cut: 'start' | 'end'): string {
  if (context.length < 32) return context;
  if (cut === 'start') return `…${/^\S+\s/.test(context) ? context.replace(/^\S+\s+/, '') : context}`;
  return `${/\s\S+$/.test(context) ? context.replace(/\s+\S+$/, '') : context}…`;
}

function dateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function NoteEditor(props: NoteEditorProps) {
  const { mode, note, anchor, initialBody, entityName } = props;
  const [text, setText] = useState(initialBody.text);
  const [format, setFormat] = useState<NoteFormat>(initialBody.format);
  const [tags, setTags] = useState(initialBody.tags.join(', '));
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; message?: string; conflict?: boolean }>({
    kind: 'idle',
  });
  const textArea = useRef<HTMLTextAreaElement>(null);
  // The version being edited: a change saved elsewhere meanwhile must not be overwritten unasked.
  const [base, setBase] = useState(note.modified);
  const changedElsewhere = mode === 'edit' && note.modified !== base && status.kind !== 'saving';

  useEffect(() => {
    if (mode === 'new' || props.autoFocus) {
      textArea.current?.focus();
      if (props.autoFocus) props.onAutoFocused?.();
    }
  }, [mode, note.id, props.autoFocus]);

  const body = (): NoteBody => ({ text, format, tags: parseTagList(tags) });
  const changed = (next: Partial<{ text: string; format: NoteFormat; tags: string }>) => {
    const b = { text: next.text ?? text, format: next.format ?? format, tags: parseTagList(next.tags ?? tags) };
    props.onBodyChange(b);
    if (status.kind === 'saved') setStatus({ kind: 'idle' });
  };

  const save = async (force = false) => {
    setStatus({ kind: 'saving' });
    let result: SaveResult;
    try {
      result = await props.onSave(body(), force, base);
    } catch (error) {
      result = {
        ok: false,
        error: `Backstory could not save this note (${error instanceof Error ? error.message : String(error)}). Your text is still here.`,
      };
    }
    if (result.ok) {
      setBase(result.note.modified);
      setStatus({ kind: 'saved', message: 'Saved' });
    } else setStatus({ kind: 'error', message: result.error, conflict: result.conflict !== undefined && mode === 'edit' });
  };

  const quote = note.target?.selector[0];
  const orphaned = anchor?.status === 'orphaned';
  return (
    <article class="editor" aria-label={mode === 'new' ? 'New note' : 'Note'}>
      <header class="editor-header">
        {props.onBack && (
          <button type="button" class="link-button back" onClick={props.onBack}>
            ← All notes
          </button>
        )}
        <h2>
          {mode === 'new'
            ? 'New note'
            : note.target
              ? note.title || siteOf(note) || 'Note'
              : `Note on ${entityName(note.entities[0] ?? '')}`}
        </h2>
        {note.target && (
          <p class="editor-source">
            {/* A new note's heading says "New note": the page it is on is named here, by its title first. */}
            <span class="muted">
              {mode === 'new' && note.title ? `${note.title} · ${siteOf(note) || note.target.source}` : siteOf(note) || note.target.source}
            </span>
            {orphaned && <span class="badge badge-warn">passage not found</span>}
            {anchor?.status === 'anchored' && anchor.method === 'fuzzy' && (
              <span class="badge" title="The page changed a little; the passage was found by its words and context.">
                re-anchored
              </span>
            )}
          </p>
        )}
      </header>

      {orphaned && (
        <p class="banner-inline">
          Backstory did not find this passage on the page at your last visit: the page may have changed or moved. Your note and its quote
          are kept; open the page to look for it.
        </p>
      )}
      {quote && (
        <blockquote class="passage">
          {quote.prefix && <span class="passage-context">{wholeWords(quote.prefix, 'start')}</span>}
          <mark>{quote.exact}</mark>
          {quote.suffix && <span class="passage-context">{wholeWords(quote.suffix, 'end')}</span>}
        </blockquote>
      )}
      {note.target && props.onOpenPassage && (
        <p>
          <button type="button" class="button" onClick={props.onOpenPassage}>
            Open the page at this passage
          </button>
        </p>
      )}

      {note.entities.length > 0 && (
        <ul class="chips" aria-label="Entities">
          {note.entities.map((id) => (
            <li key={id}>
              <button type="button" class="chip" title="Show notes on this entity" onClick={() => props.onEntity?.(id)}>
                {entityName(id)}
              </button>
            </li>
          ))}
        </ul>
      )}

      <label class="field">
        <span>Note</span>
        <textarea
          ref={textArea}
          rows={8}
          value={text}
          placeholder="Write your note (plain text or Markdown). It stays in Backstory; the page never sees it."
          onInput={(e) => {
            const value = (e.currentTarget as HTMLTextAreaElement).value;
            setText(value);
            changed({ text: value });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void save();
            }
          }}
        />
      </label>
      <div class="field-row">
        <label class="field">
          <span>Tags</span>
          <input
            type="text"
            value={tags}
            placeholder="comma, separated"
            onInput={(e) => {
              const value = (e.currentTarget as HTMLInputElement).value;
              setTags(value);
              changed({ tags: value });
            }}
          />
        </label>
        <label class="field field-narrow">
          <span>Format</span>
          <select
            value={format}
            onChange={(e) => {
              const value = (e.currentTarget as HTMLSelectElement).value as NoteFormat;
              setFormat(value);
              changed({ format: value });
            }}
          >
            <option value="text/plain">Plain text</option>
            <option value="text/markdown">Markdown</option>
          </select>
        </label>
      </div>

      {changedElsewhere && status.kind !== 'error' && (
        <p class="banner-inline" role="status">
          This note was changed in another tab. Your text here is kept; saving will ask before replacing that change.
        </p>
      )}
      <div class="editor-actions">
        <button type="button" class="button primary" disabled={status.kind === 'saving'} onClick={() => void save()}>
          {mode === 'new' ? 'Save note' : 'Save'}
        </button>
        {status.conflict && (
          <button type="button" class="button" onClick={() => void save(true)}>
            Save anyway
          </button>
        )}
        {mode === 'new' && props.onDiscard && (
          <button type="button" class="button" onClick={props.onDiscard}>
            Discard
          </button>
        )}
        {mode === 'edit' && props.onDelete && (
          <button type="button" class="button danger" onClick={props.onDelete}>
            Delete
          </button>
        )}
        <span class="save-status" role="status">
          {status.kind === 'saving' ? 'Saving…' : status.kind === 'saved' ? status.message : ''}
        </span>
      </div>
      {status.kind === 'error' && (
        <p class="error" role="alert">
          {status.message}
        </p>
      )}
      {mode === 'edit' && (
        <p class="editor-dates muted">
          Created {dateTime(note.created)}
          {note.modified !== note.created && ` · edited ${dateTime(note.modified)}`}
        </p>
      )}
    </article>
  );
}
