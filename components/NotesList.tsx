/**
 * The list of notes, virtualised: only the rows in view (and a few either side) are in the DOM, so
 * 10,000 notes scroll and filter as fast as 10. Rows have one fixed height. Props in, callbacks out.
 *
 * For the keyboard it is one listbox with a roving focus (WAI-ARIA APG): Tab enters it at one row,
 * the arrow keys, Page Up/Down, Home and End move over every note (the focused row is scrolled in and
 * kept in the DOM even when it is out of view), Enter or Space opens it. Each row says where it is
 * in the whole list (aria-posinset, aria-setsize), since most rows are not in the DOM.
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
  /** `keyboard`: opened with Enter or Space (the caller moves the focus to the note). */
  onSelect(id: string, how: { keyboard: boolean }): void;
  /** Changes (a new object) when the caller wants the focus on a row again: the note's, or the row at `index`. */
  focusRequest?: { id?: string; index?: number } | null;
}

function shortDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** What a row names first: the page's title (not "127.0.0.1"), then the site; an entity note, its entities. */
function rowHeading(note: Note, entityName: (id: string) => string): { title: string; site: string } {
  if (!note.target) return { title: `Note on ${note.entities.map(entityName).join(', ') || 'an entity'}`, site: '' };
  const site = siteOf(note) || note.target.source;
  return { title: note.title.trim() || site, site: note.title.trim() ? site : '' };
}

export function NotesList({ notes, anchors, selectedId, unsaved, entityName, onSelect, focusRequest }: NotesListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  // The rows in view: the part of the list inside both its scroller and the window (at a large zoom
  // the page itself scrolls and the scroller grows to the list's height).
  const [range, setRange] = useState({ top: 0, bottom: 800 });
  // The row that takes the focus (roving tabindex): the selected note, else the last one focused, else the first.
  const [active, setActive] = useState(0);
  // A row to focus once it is drawn (a new object each time, so that asking again draws again).
  const [focusWanted, setFocusWanted] = useState<{ at: number } | null>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const listTop = list.current?.getBoundingClientRect().top ?? 0;
      const box = el.getBoundingClientRect();
      const top = Math.max(box.top, 0) - listTop;
      const bottom = Math.min(box.bottom, innerHeight || box.bottom) - listTop;
      setRange((r) => (r.top === top && r.bottom === bottom ? r : { top, bottom: Math.max(bottom, top) }));
    };
    measure();
    const later = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    const observer = new ResizeObserver(later);
    observer.observe(el);
    // Any scroll (the scroller's, the page's) can change what is in view.
    addEventListener('scroll', later, { capture: true, passive: true });
    addEventListener('resize', later);
    return () => {
      observer.disconnect();
      removeEventListener('scroll', later, { capture: true });
      removeEventListener('resize', later);
      cancelAnimationFrame(frame);
    };
  }, []);

  // Bring the selected note into view when it is chosen from outside (a link, "Open note").
  useEffect(() => {
    const el = scroller.current;
    if (!el || !selectedId) return;
    const at = notes.findIndex((n) => n.id === selectedId);
    if (at < 0) return;
    setActive(at);
    const top = at * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 3);
  }, [selectedId, notes]);

  useEffect(() => {
    if (!focusRequest) return;
    const byId = focusRequest.id ? notes.findIndex((n) => n.id === focusRequest.id) : -1;
    const at = byId >= 0 ? byId : Math.min(focusRequest.index ?? 0, notes.length - 1);
    if (at >= 0) moveTo(at);
  }, [focusRequest]);

  const current = Math.min(active, Math.max(0, notes.length - 1));

  /** Makes row `at` the active one, scrolls it into the scroller's view and focuses it once it is drawn. */
  function moveTo(at: number) {
    const el = scroller.current;
    if (el) {
      const top = at * ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    }
    setActive(at);
    setFocusWanted({ at });
  }

  useLayoutEffect(() => {
    if (!focusWanted) return;
    list.current?.querySelector<HTMLElement>(`[data-index="${focusWanted.at}"]`)?.focus();
  }, [focusWanted]);

  const page = () => Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
  function onKeyDown(event: KeyboardEvent) {
    if (event.altKey || event.ctrlKey || event.metaKey || notes.length === 0) return;
    const last = notes.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(last, current + 1),
      ArrowUp: Math.max(0, current - 1),
      PageDown: Math.min(last, current + page()),
      PageUp: Math.max(0, current - page()),
      Home: 0,
      End: last,
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const note = notes[current];
      if (note) onSelect(note.id, { keyboard: true });
    }
  }

  const first = Math.max(0, Math.floor(range.top / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(notes.length, Math.ceil(range.bottom / ROW_HEIGHT) + OVERSCAN);
  // The active row is always drawn, so that Tab can reach the list wherever it is scrolled.
  const indexes: number[] = [];
  if (current < first && notes.length > 0) indexes.push(current);
  for (let i = first; i < end; i++) indexes.push(i);
  if (current >= end && current < notes.length) indexes.push(current);

  const rows = indexes.map((i) => {
    const note = notes[i]!;
    const quote = note.target?.selector[0].exact;
    const orphaned = anchors.get(note.id)?.status === 'orphaned';
    const heading = rowHeading(note, entityName);
    const selected = note.id === selectedId;
    return (
      <div
        key={note.id}
        role="option"
        class={`note-row${selected ? ' selected' : ''}`}
        style={{ top: `${i * ROW_HEIGHT}px` }}
        aria-selected={selected}
        aria-posinset={i + 1}
        aria-setsize={notes.length}
        tabIndex={i === current ? 0 : -1}
        data-note-id={note.id}
        data-index={i}
        onClick={() => {
          setActive(i);
          onSelect(note.id, { keyboard: false });
        }}
        onFocus={() => setActive(i)}
        onKeyDown={onKeyDown}
      >
        <span class="note-row-meta">
          <span class="note-row-site">{heading.title}</span>
          {heading.site && <span class="note-row-host">{heading.site}</span>}
          <span class="note-row-date">{shortDate(note.modified)}</span>
        </span>
        <span class="note-row-quote">
          {orphaned && (
            <span
              class="badge badge-warn"
              title="The passage was not found on the page at the last visit. The note and its quote are kept."
            >
              passage not found
            </span>
          )}
          {unsaved.has(note.id) && <span class="badge">unsaved</span>}
          {quote ? `“${quote.replace(/\s+/g, ' ')}”` : note.entities.map(entityName).join(', ')}
        </span>
        <span class="note-row-text">
          {note.body.text.replace(/\s+/g, ' ') || <span class="muted">No note text</span>}
          {note.body.tags.length > 0 && <span class="note-row-tags"> {note.body.tags.map((t) => `#${t}`).join(' ')}</span>}
        </span>
      </div>
    );
  });
  return (
    <div class="notes-scroller" ref={scroller}>
      <div class="notes-list" role="listbox" aria-label="Notes" ref={list} style={{ height: `${notes.length * ROW_HEIGHT}px` }}>
        {rows}
      </div>
    </div>
  );
}
