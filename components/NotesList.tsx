/**
 * The list of notes, virtualised: only the rows in view (and a few either side) are in the DOM, so
 * 10,000 notes scroll and filter as fast as 10. Rows have one fixed height. Props in, callbacks out.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AnchorState, Note } from '../lib/notes/model';
import { siteOf } from '../lib/notes/model';

export const ROW_HEIGHT = 86;
const OVERSCAN = 6;

export interface NotesListProps {
  notes: readonly Note[];
  anchors: ReadonlyMap<string, AnchorState>;
  selectedId: string | null;
  /** Ids with typed but unsaved text. */
  unsaved: ReadonlySet<string>;
  entityName(id: string): string;
  onSelect(id: string): void;
}

function shortDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function NotesList({ notes, anchors, selectedId, unsaved, entityName, onSelect }: NotesListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setHeight(el.clientHeight || 800);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || 800));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Bring the selected note into view when it is chosen from outside (a link, "Open note").
  useEffect(() => {
    const el = scroller.current;
    if (!el || !selectedId) return;
    const at = notes.findIndex((n) => n.id === selectedId);
    if (at < 0) return;
    const top = at * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 3);
  }, [selectedId, notes]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(notes.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const note = notes[i]!;
    const quote = note.target?.selector[0].exact;
    const orphaned = anchors.get(note.id)?.status === 'orphaned';
    rows.push(
      <li key={note.id} class="note-row-item" style={{ top: `${i * ROW_HEIGHT}px` }}>
        <button
          type="button"
          class={`note-row${note.id === selectedId ? ' selected' : ''}`}
          aria-current={note.id === selectedId ? 'true' : undefined}
          data-note-id={note.id}
          onClick={() => onSelect(note.id)}
        >
          <span class="note-row-meta">
            <span class="note-row-site">{note.target ? siteOf(note) || note.target.source : 'Entity note'}</span>
            <span class="note-row-date">{shortDate(note.modified)}</span>
            {orphaned && <span class="badge badge-warn">orphaned</span>}
            {unsaved.has(note.id) && <span class="badge">unsaved</span>}
          </span>
          <span class="note-row-quote">{quote ? `“${quote.replace(/\s+/g, ' ')}”` : note.entities.map(entityName).join(', ')}</span>
          <span class="note-row-text">
            {note.body.text.replace(/\s+/g, ' ') || <span class="muted">No note text</span>}
            {note.body.tags.length > 0 && <span class="note-row-tags"> {note.body.tags.map((t) => `#${t}`).join(' ')}</span>}
          </span>
        </button>
      </li>,
    );
  }
  return (
    <div class="notes-scroller" ref={scroller} onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}>
      <ul class="notes-list" aria-label="Notes" style={{ height: `${notes.length * ROW_HEIGHT}px` }}>
        {rows}
      </ul>
    </div>
  );
}
